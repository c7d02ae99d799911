from flowc.dsl import *


class W(Workflow):
    arguments = V1alpha1Arguments(parameters=[V1alpha1Parameter(name="my param", value="1")])

    @task
    def A(self):
        return self.echo()

    @template
    @inputs.parameter(name="m", default="x")
    def echo(self, m) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.m}}"])
