from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "echo"

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{inputs.parameters.message}}"])
