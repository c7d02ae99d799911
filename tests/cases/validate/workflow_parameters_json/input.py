from flowc.dsl import *


class W(Workflow):
    arguments = V1alpha1Arguments(parameters=[V1alpha1Parameter(name="p", value="1")])

    @task
    @parameter(name="m", value="{{workflow.parameters.json}}")
    def A(self, m):
        return self.echo(m=m)

    @template
    @inputs.parameter(name="m", default="x")
    def echo(self, m) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.m}}"])
