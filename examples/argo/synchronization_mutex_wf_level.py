# Argo example: synchronization-mutex-wf-level.yaml. A workflow-level mutex.
from flowc.dsl import *


class SynchronizationMutexWfLevel(Workflow):
    generate_name = "synchronization-wf-level-"
    entrypoint = "hello-world"
    synchronization = V1alpha1Synchronization(
        mutexes=[V1alpha1Mutex(name="test")]
    )  # v3.6 and after

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])
