from flowc.dsl import *


class W(Workflow):
    pod_gc = V1alpha1PodGC(strategy="OnTuesdays")

    @task
    def A(self):
        return self.echo()

    @template
    @inputs.parameter(name="m", default="x")
    def echo(self, m) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.m}}"])
