from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class Twice(Workflow):
    @task
    def a(self) -> V1alpha1Template:
        return self.echo("one", message="two")

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine:3.7", command=["echo", "{{inputs.parameters.message}}"])
