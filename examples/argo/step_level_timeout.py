# Argo example: step-level-timeout.yaml. Per-step timeouts from an input
# parameter; the steps continue on error or failure.
from typing import ClassVar

from flowc.dsl import *


class StepLevelTimeout(Workflow):
    generate_name = "steps-tmpl-timeout-"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "sleep-sleep"

    @steps
    def sleep_sleep(self):
        @step
        @continue_on(error=True)
        def sleep1(self):
            return self.sleep(timeout="10s")

        @step
        @parallel
        @continue_on(failed=True)
        def sleep2(self):
            return self.sleep(timeout="10s")

    @template(timeout="{{inputs.parameters.timeout}}")
    @inputs.parameter(name="timeout")
    def sleep(self) -> V1Container:
        return V1Container(
            image="alpine:3.23", command=["sh", "-c"], args=["sleep 30s"]
        )
