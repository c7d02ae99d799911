from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(image="alpine", command=["awk", "-f"], source="BEGIN { print 1 }")
