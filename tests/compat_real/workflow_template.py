# A WorkflowTemplate whose template declares its input with a default
# through @inputs.parameter.
from argo.workflows.dsl import WorkflowTemplate
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class EchoTemplate(WorkflowTemplate):
    entrypoint = "echo"

    @template
    @inputs.parameter(name="message", value="hello")
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.7", name="echo", command=["echo", "{{inputs.parameters.message}}"])
