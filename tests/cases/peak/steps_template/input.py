from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "main"

    @template
    def main(self) -> V1alpha1Template:
        return V1alpha1Template(name="main", steps=[[V1alpha1WorkflowStep(name="a", template="echo")]])

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "a"])
