# Argo example: timeouts-workflow.yaml. A workflow-wide deadline; one template
# can never be scheduled (node_selector on a missing architecture).
from typing import ClassVar

from flowc.dsl import *


class TimeoutsWorkflow(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    active_deadline_seconds = 30
    entrypoint = "bunch-of-sleeps"

    @steps
    def bunch_of_sleeps(self):
        @step
        @with_items([1, 2, 3])
        def sleep_one_day(self):
            return self.sleep()

        @step
        @parallel
        @with_items([1, 2, 3])
        def unschedulable(self):
            return self.unschedulable()

    @template
    def sleep(self) -> V1Container:
        return V1Container(image="busybox", command=["sleep", "1d"])

    @template(node_selector={"beta.kubernetes.io/arch": "no-such-arch"})
    def unschedulable(self) -> V1Container:
        return V1Container(image="alpine:3.23")
