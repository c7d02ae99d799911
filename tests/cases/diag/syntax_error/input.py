from flowc.dsl import *

class W(Workflow):
    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine" command=["echo"])
