from flowc.dsl import *

class W(Workflow):
    @task
    def first(self):
        return self.echo()

    @task
    @dependencies(["frist"])
    def second(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "hi"])
