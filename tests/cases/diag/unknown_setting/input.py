from flowc.dsl import *


class W(Workflow):
    entrypoint = "echo"
    service_acount_name = "runner"

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine")
