# Argo example: synchronization-wf-level.yaml. A workflow-level semaphore.
from typing import ClassVar

from flowc.dsl import *


class SynchronizationWfLevel(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "hello-world"
    synchronization = V1alpha1Synchronization(
        semaphores=[  # v3.6 and after
            V1alpha1SemaphoreRef(
                config_map_key_ref=V1ConfigMapKeySelector(
                    name="my-config", key="workflow"
                )
            ),
        ]
    )

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])
