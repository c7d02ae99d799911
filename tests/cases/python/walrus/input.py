from argo.workflows.dsl import Workflow, template
from argo.workflows.dsl.templates import V1Container


class Hello(Workflow):
    entrypoint = "hello"

    @template
    def hello(self) -> V1Container:
        names = [n := 1 for n in range(3)]
        return V1Container(image="alpine")
