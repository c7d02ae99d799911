from argo.workflows.dsl import Workflow, template
from argo.workflows.dsl.templates import V1Container


class Hello(Workflow):
    entrypoint = "hello"

    tag = "3"
    image = f"alpine:{"3"}"

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine")
