from flowc.dsl import *


class Deploy(Workflow):
    """One deployment at a time."""

    entrypoint = "deploy"
    synchronization = V1alpha1Synchronization(mutex=V1alpha1Mutex(name="deploy"))

    @template
    def deploy(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "deploy"])

