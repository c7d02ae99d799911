from flowc.dsl import *


class Nightly(CronWorkflow):
    schedule = "0 1 * * *"
    stop_strategy = V1alpha1StopStrategy(expression="cronworkflow.failed >= 3")
    entrypoint = "report"

    @template
    def report(self) -> V1Container:
        return V1Container(image="alpine:3.19")
