from flowc.dsl import *


class Nightly(CronWorkflow):
    """Runs every night."""

    schedule = "0 1 * * *"
    timezone = "Europe/Berlin"
    concurrency_policy = "Forbid"
    entrypoint = "report"

    @template
    def report(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "report"])

