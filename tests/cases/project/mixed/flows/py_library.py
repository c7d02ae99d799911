# A WorkflowTemplate written in Python, called by the YAML workflow beside it.
from flowc.dsl import V1Container, WorkflowTemplate, inputs, template


class PyLibrary(WorkflowTemplate):
    @template
    @inputs.parameter(name="name")
    def hello(self, name):
        return V1Container(image="alpine:3.19", command=["echo", "hello {{inputs.parameters.name}}"])
