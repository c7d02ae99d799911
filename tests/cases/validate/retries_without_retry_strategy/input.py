from flowc.dsl import *


class W(Workflow):
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{retries}}"])
