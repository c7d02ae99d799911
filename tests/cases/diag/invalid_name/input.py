from flowc.dsl import *


class W(Workflow):
    entrypoint = "echo_"

    @template
    def echo_(self) -> V1Container:
        return V1Container(image="alpine")
