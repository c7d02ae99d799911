# validate.go:329-331 (TestInvalidPodGCLabelSelector): Kubernetes' label selector rules.
from flowc.dsl import *


class W(Workflow):
    pod_gc = V1alpha1PodGC(
        strategy="OnPodCompletion",
        label_selector=V1LabelSelector(match_expressions=[
            V1LabelSelectorRequirement(key="environment", operator="Equals", values=["dev"]),
        ]),
    )

    @task
    def A(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "hi"])
