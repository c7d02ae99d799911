from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "call"

    @template
    def call(self) -> V1alpha1HTTP:
        return V1alpha1HTTP(url="https://example.com")
