from flowc.dsl import *


class W(Workflow):
    @task
    def A(self):
        return self.need()

    @template
    @inputs.parameter(name="m")
    def need(self, m) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.m}}"])
