# Argo example: retry-with-steps.yaml. Steps calling a retried template;
# two of them run in parallel.
from typing import ClassVar

from flowc.dsl import *


class RetryWithSteps(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "flaky"}
    entrypoint = "retry-with-steps"

    @steps
    def retry_with_steps(self):
        @step
        def hello1(self):
            return self.random_fail()

        @step
        def hello2a(self):
            return self.random_fail()

        @step
        @parallel
        def hello2b(self):
            return self.random_fail()

    @template(retry_strategy=V1alpha1RetryStrategy(limit="10"))
    def random_fail(self) -> V1Container:
        return V1Container(
            image="python:alpine3.23",
            command=["python", "-c"],
            args=[
                "import random; import sys; print('retries: {{retries}}'); exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"
            ],
        )
