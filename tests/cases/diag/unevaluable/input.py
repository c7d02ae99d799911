import os
from flowc.dsl import *

IMAGE = os.environ["IMAGE"]

class W(Workflow):
    entrypoint = "echo"

    @template
    def echo(self) -> V1Container:
        return V1Container(image=IMAGE, command=["echo", "hi"])
