from flowc.dsl import *


class W(Workflow):

    @task
    def A(self):
        return self.show()

    @template
    @inputs.parameter(name="m", default="x")
    def echo(self, m) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.m}}"])

    @template
    def show(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{steps.A.outputs.result}}"])
