from flowc.dsl import *


class Limited(Workflow):
    entrypoint = "work"

    @template(synchronization={"semaphores": [{"configMapKeyRef": {"name": "limits", "key": "work"}}]})
    def work(self) -> V1Container:
        return V1Container(image="alpine:3.19")
