from flowc.dsl import *

class W(Workflow):
    entrypoint = "ehco"

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine")
