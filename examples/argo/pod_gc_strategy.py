# Argo example: pod-gc-strategy.yaml. Pods deleted when they succeed, after a
# delay.
from typing import ClassVar

from flowc.dsl import *


class PodGcStrategy(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "pod-gc-strategy"
    # OnPodCompletion, OnPodSuccess, OnWorkflowCompletion or OnWorkflowSuccess
    pod_gc = V1alpha1PodGC(strategy="OnPodSuccess", delete_delay_duration="30s")

    @steps
    def pod_gc_strategy(self):
        @step
        def fail(self):
            return self.fail()

        @step
        @parallel
        def succeed(self):
            return self.succeed()

    @template
    def fail(self) -> V1Container:
        return V1Container(image="alpine:3.23", command=["sh", "-c"], args=["exit 1"])

    @template
    def succeed(self) -> V1Container:
        return V1Container(image="alpine:3.23", command=["sh", "-c"], args=["exit 0"])
