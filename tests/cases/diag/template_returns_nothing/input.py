from flowc.dsl import *

class W(Workflow):
    entrypoint = "echo"

    @template
    def echo(self) -> V1Container:
        c = V1Container(image="alpine")
