from flowc.dsl import *

A = B + "x"
B = A + "y"

class W(Workflow):
    entrypoint = "echo"

    @template
    def echo(self) -> V1Container:
        return V1Container(image=A)
