# Shared steps, deployed once as a WorkflowTemplate and called from many workflows.
from flowc.dsl import V1Container, WorkflowTemplate, inputs, outputs, template


class Shared(WorkflowTemplate):
    @template
    @inputs.parameter(name="message")
    def echo(self, message):
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])

    @template
    @inputs.parameter(name="image")
    @inputs.parameter(name="tag", default="latest")
    @outputs.parameter(name="digest", value_from={"path": "/tmp/digest"})
    def build_image(self, image, tag):
        return V1Container(
            image="gcr.io/kaniko-project/executor:v1.23.0",
            args=["--destination={{inputs.parameters.image}}:{{inputs.parameters.tag}}",
                  "--digest-file=/tmp/digest"],
        )
