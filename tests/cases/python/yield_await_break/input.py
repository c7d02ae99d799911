from argo.workflows.dsl import Workflow, template
from argo.workflows.dsl.templates import V1Container


class Hello(Workflow):
    entrypoint = "hello"

    @template
    def hello(self) -> V1Container:
        await self.ready()
        return V1Container(image="alpine")


break
