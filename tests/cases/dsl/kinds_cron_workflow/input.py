from flowc.dsl import *


class NightlyReport(CronWorkflow):
    schedule = "0 2 * * *"
    timezone = "Europe/Prague"
    concurrency_policy = "Replace"
    starting_deadline_seconds = 0
    successful_jobs_history_limit = 3
    failed_jobs_history_limit = 1
    suspend = False
    entrypoint = "report"
    service_account_name = "reporter"

    @template
    def report(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["date"])
