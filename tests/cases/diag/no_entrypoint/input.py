from flowc.dsl import *

class Lonely(Workflow):
    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine")
