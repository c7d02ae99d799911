from flowc.dsl import *


class W(Workflow):
    entrypoint = "main"

    @template
    @inputs.artifact(name="page", path="/tmp/page", http={})
    def main(self, page) -> V1Container:
        return V1Container(image="alpine:3.19", command=["cat", "/tmp/page"])
