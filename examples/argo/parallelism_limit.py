# Argo example: parallelism-limit.yaml. At most two pods at a time across the
# workflow.
from typing import ClassVar

from flowc.dsl import *


class ParallelismLimit(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "duration"}
    entrypoint = "parallelism-limit"
    parallelism = 2

    @steps
    def parallelism_limit(self):
        @step
        @with_items(
            [
                "this",
                "workflow",
                "should",
                "take",
                "at",
                "least",
                60,
                "seconds",
                "to",
                "complete",
            ]
        )
        def sleep(self):
            return self.sleep()

    @template
    def sleep(self) -> V1Container:
        return V1Container(image="busybox", command=["sh", "-c", "sleep 10"])
