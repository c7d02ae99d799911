from flowc.dsl import *


class W(Workflow):
    entrypoint = "main"

    @template(retry_strategy=V1alpha1RetryStrategy(limit="3", backoff=V1alpha1Backoff(duration="5 sec")))
    def main(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["date"])
