from flowc.dsl import *


class Nightly(CronWorkflow):
    schedule = "0 25 * * *"
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["date"])
