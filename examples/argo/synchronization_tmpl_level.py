# Argo example: synchronization-tmpl-level.yaml. A template-level semaphore
# limits how many loop iterations hold the lock at once.
from typing import ClassVar

from flowc.dsl import *


class SynchronizationTmplLevel(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "synchronization-tmpl-level-example"

    @steps
    def synchronization_tmpl_level_example(self):
        @step
        @with_param('["1","2","3","4","5"]')
        def synchronization_acquire_lock(self):
            return self.acquire_lock(seconds="{{item}}")

    @template(
        synchronization=V1alpha1Synchronization(
            semaphores=[  # v3.6 and after
                V1alpha1SemaphoreRef(
                    config_map_key_ref=V1ConfigMapKeySelector(
                        name="my-config", key="template"
                    )
                ),
            ]
        )
    )
    def acquire_lock(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["sleep 10; echo acquired lock"],
        )
