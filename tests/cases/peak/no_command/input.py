from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "entry"

    @template
    def entry(self) -> V1Container:
        return V1Container(image="alpine")
