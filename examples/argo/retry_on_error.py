# Argo example: retry-on-error.yaml. retry_policy "Always" retries on errors
# as well as failures.
from typing import ClassVar

from flowc.dsl import *


class RetryOnError(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "error-container"

    @template(retry_strategy=V1alpha1RetryStrategy(limit="2", retry_policy="Always"))
    def error_container(self) -> V1Container:
        # fail with a 80% probability
        return V1Container(
            image="python:alpine3.23",
            command=["python", "-c"],
            args=[
                "import random; import sys; exit_code = random.choice(range(0, 5)); sys.exit(exit_code)"
            ],
        )
