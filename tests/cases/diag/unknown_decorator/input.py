from flowc.dsl import *
from mylib import retry

class W(Workflow):
    entrypoint = "echo"

    @template
    @retry(3)
    def echo(self) -> V1Container:
        return V1Container(image="alpine")
