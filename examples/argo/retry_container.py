# Argo example: retry-container.yaml. A container retried up to ten times.
from flowc.dsl import *


class RetryContainer(Workflow):
    entrypoint = "retry-container"

    @template(retry_strategy=V1alpha1RetryStrategy(limit="10"))
    def retry_container(self) -> V1Container:
        # fail with a 66% probability
        return V1Container(
            image="python:alpine3.23",
            command=["python", "-c"],
            args=[
                "import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"
            ],
        )
