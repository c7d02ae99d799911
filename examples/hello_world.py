# The seed's hello world: one container template, named as the entrypoint.
from argo.workflows.dsl import Workflow, template
from argo.workflows.dsl.templates import V1Container


class HelloWorld(Workflow):
    entrypoint = "whalesay"

    @template
    def whalesay(self) -> V1Container:
        container = V1Container(
            image="docker/whalesay:latest",
            name="whalesay",
            command=["cowsay"],
            args=["hello world"],
        )
        return container
