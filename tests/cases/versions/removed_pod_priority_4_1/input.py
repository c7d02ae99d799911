from flowc.dsl import *


class Batch(Workflow):
    entrypoint = "run"
    pod_priority = 100

    @template(priority=2)
    def run(self) -> V1Container:
        return V1Container(image="alpine:3.19")
