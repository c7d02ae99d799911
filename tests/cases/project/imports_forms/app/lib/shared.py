# The shared WorkflowTemplate every spelling of the import below reaches.
from flowc.dsl import V1Container, WorkflowTemplate, inputs, template


class Shared(WorkflowTemplate):
    @template
    @inputs.parameter(name="message")
    def echo(self, message: str) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])
