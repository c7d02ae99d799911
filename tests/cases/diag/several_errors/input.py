from flowc.dsl import *

class W(Workflow):
    @task
    @dependencies(["x"])
    def a(self):
        return self.missing()

    @task
    def b(self):
        return self.echo(msg=undefined_name)

    @template
    def echo(self) -> V1Container:
        return V1Container(image=42 + "x")
