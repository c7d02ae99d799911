from flowc.dsl import *


class W(Workflow):
    entrypoint = "echo"
    parallelism = "two"

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", args="echo hi")
