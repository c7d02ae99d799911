# Argo example: gc-ttl.yaml. A TTL strategy deletes the finished workflow.
from flowc.dsl import *


class GcTtl(Workflow):
    ttl_strategy = V1alpha1TTLStrategy(
        seconds_after_completion=10,  # regardless of status (unless overridden below)
        seconds_after_success=5,
        seconds_after_failure=5,
    )
    entrypoint = "hello-world"

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])
