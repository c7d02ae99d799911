from flowc.dsl import *


class W(Workflow):

    @task
    def A(self):
        return self.echo()

    @task
    @depends("(A")
    def B(self):
        return self.echo()

    @template
    @inputs.parameter(name="m", default="x")
    def echo(self, m) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.m}}"])
