from flowc.dsl import *


class Deploy(Workflow):
    entrypoint = "deploy"
    synchronization = V1alpha1Synchronization(
        mutexes=[V1alpha1Mutex(name="deploy"), V1alpha1Mutex(name="cluster")],
    )

    @template
    def deploy(self) -> V1Container:
        return V1Container(image="alpine:3.19")
