# Argo example: timeouts-step.yaml. active_deadline_seconds on a template.
from typing import ClassVar

from flowc.dsl import *


class TimeoutsStep(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "expected-failure"}
    annotations: ClassVar = {
        "workflows.argoproj.io/no-test-reason": "It looks like the container does not terminate in a clean way\n"
        "\n"
        'time=2025-11-28T16:47:21.850Z level=DEBUG msg="ignore signal" argo=true signal="child exited"\n'
        'time=2025-11-28T16:47:22.858Z level=DEBUG msg="forwarding signal" argo=true signal=terminated\n'
        'time=2025-11-28T16:47:23.327Z level=INFO msg="sub-process exited" argo=true error="exit status 143"\n'
        'time=2025-11-28T16:47:23.327Z level=DEBUG msg="ignore signal" argo=true signal="urgent I/O condition"\n'
        "Error: exit status 143\n",
    }
    entrypoint = "sleep"

    @template(active_deadline_seconds=10)
    def sleep(self) -> V1Container:
        return V1Container(
            image="argoproj/argosay:v2",
            command=["bash", "-c"],
            args=["echo 123; sleep 1d"],
        )
