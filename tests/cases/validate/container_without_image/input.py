from flowc.dsl import *


class W(Workflow):
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(command=["echo", "hi"])
