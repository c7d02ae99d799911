# Argo example: cron-when.yaml. A CronWorkflow with a `when` condition on its
# last scheduled time.
from flowc.dsl import *


class SleepWhen(CronWorkflow):
    schedules = ("* * * * *",)
    concurrency_policy = "Allow"
    when = "{{= cronworkflow.lastScheduledTime == nil || (now() - cronworkflow.lastScheduledTime).Seconds() > 360 }}"
    entrypoint = "sleep-busybox"

    @template
    def sleep_busybox(self) -> V1Container:
        return V1Container(image="busybox", command=["sleep"], args=["10"])
