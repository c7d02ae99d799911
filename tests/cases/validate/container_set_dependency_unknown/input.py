# validate.go:814 -> ContainerSetTemplate.Validate (TestInvalidContainerSetDependencyNotFound).
from flowc.dsl import *


class W(Workflow):

    @task
    def A(self):
        return self.both()

    @template
    def both(self) -> V1alpha1ContainerSetTemplate:
        return V1alpha1ContainerSetTemplate(containers=[
            V1alpha1ContainerNode(name="a", image="alpine:3.19"),
            V1alpha1ContainerNode(name="b", image="alpine:3.19", dependencies=["c"]),
        ])
