from flowc.dsl import *
from flowc.dsl import peak

class W(Workflow):
    @task
    def a(self):
        return self.entry()

    @template
    def entry(self) -> V1Container:
        return V1Container(image="alpine", args=["hello"])
