# Argo example: cron-workflow-multiple-schedules.yaml. Every CronWorkflow
# setting: schedules, timezone, deadlines, history limits, suspend.
from flowc.dsl import *


class HelloWorldMultipleSchedules(CronWorkflow):
    schedules = ("*/3 * * * 1-5", "*/2 * * * *")  # v3.6 and after
    timezone = "America/Los_Angeles"
    starting_deadline_seconds = 0
    concurrency_policy = "Replace"
    successful_jobs_history_limit = 4
    failed_jobs_history_limit = 4
    suspend = False
    entrypoint = "whalesay"

    @template
    def whalesay(self) -> V1Container:
        return V1Container(
            image="docker/whalesay:latest",
            command=["cowsay"],
            args=["🕓 hello world. Scheduled on: {{workflow.scheduledTime}}"],
        )
