from flowc.dsl import *


class Nightly(CronWorkflow):
    schedule = "0 1 * * *"
    when = "{{= cronworkflow.lastScheduledTime == nil }}"
    entrypoint = "report"

    @template
    def report(self) -> V1Container:
        return V1Container(image="alpine:3.19", restart_policy="Always")
