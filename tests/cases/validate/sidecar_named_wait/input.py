# TestReservedAuxContainerNames (validate_test.go:3074 at v4.1.2): "wait" is Argo's own container.
from flowc.dsl import *


class W(Workflow):

    @task
    def A(self):
        return self.echo()

    @template(sidecars=[V1alpha1UserContainer(name="wait", image="alpine:3.19")])
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "hi"])
