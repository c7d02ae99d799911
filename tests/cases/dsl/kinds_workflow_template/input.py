from flowc.dsl import *


class SharedSteps(WorkflowTemplate):
    entrypoint = "say"
    arguments = V1alpha1Arguments(parameters=[V1alpha1Parameter(name="message", value="hi")])

    @template
    @inputs.parameter(name="message")
    def say(self, message) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])
