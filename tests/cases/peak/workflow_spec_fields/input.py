from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "run"
    service_account_name = "runner"
    arguments = V1alpha1Arguments(parameters=[V1alpha1Parameter(name="greeting", value="hi")])
    __metadata__ = {"labels": {"team": "a"}}

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{workflow.parameters.greeting}}"])
