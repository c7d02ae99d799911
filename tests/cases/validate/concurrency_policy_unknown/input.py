from flowc.dsl import *


class Nightly(CronWorkflow):
    schedule = "0 2 * * *"
    concurrency_policy = "Sometimes"
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["date"])
