from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "create"

    @template
    def create(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(action="create", manifest="kind: ConfigMap")
