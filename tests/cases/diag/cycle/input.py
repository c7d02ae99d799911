from flowc.dsl import *

class W(Workflow):
    @task
    @dependencies(["c"])
    def a(self):
        return self.echo()

    @task
    @dependencies(["a"])
    def b(self):
        return self.echo()

    @task
    @dependencies(["b"])
    def c(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "hi"])
