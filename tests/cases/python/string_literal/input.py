from argo.workflows.dsl import Workflow, template
from argo.workflows.dsl.templates import V1Container


class Hello(Workflow):
    entrypoint = "hello"

    message = "\x4"

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine")
