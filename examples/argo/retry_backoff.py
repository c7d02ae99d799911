# Argo example: retry-backoff.yaml. A template-level retry strategy with an
# exponential backoff, set through @template(retry_strategy=...).
from typing import ClassVar

from flowc.dsl import *


class RetryBackoff(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "duration"}
    entrypoint = "retry-backoff"

    @template(
        retry_strategy=V1alpha1RetryStrategy(
            limit="10",
            backoff=V1alpha1Backoff(
                duration="1", factor="2", max_duration="1m", cap="5"
            ),
        )
    )
    def retry_backoff(self) -> V1Container:
        return V1Container(
            image="python:alpine3.23",
            command=["python", "-c"],
            args=[
                "import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"
            ],
        )
