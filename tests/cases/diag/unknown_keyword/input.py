from flowc.dsl import *


class W(Workflow):
    entrypoint = "echo"

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", image_pul_policy="Always")
