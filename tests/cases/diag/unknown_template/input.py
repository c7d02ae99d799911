from flowc.dsl import *

class W(Workflow):
    @task
    def hello(self):
        return self.ecoh()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "hi"])
