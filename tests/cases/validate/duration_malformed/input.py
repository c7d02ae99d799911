from flowc.dsl import *


class W(Workflow):
    entrypoint = "main"

    @template(timeout="10 minutes")
    def main(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["date"])
