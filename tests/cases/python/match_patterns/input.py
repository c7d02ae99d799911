from argo.workflows.dsl import Workflow, template
from argo.workflows.dsl.templates import V1Container


def image_for(kind):
    match kind:
        case name:
            return "alpine"
        case "gpu":
            return "cuda"


class Hello(Workflow):
    entrypoint = "hello"

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine")
