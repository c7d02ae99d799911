# Argo example: output-parameter.yaml. An output parameter read from a file
# (with a default) feeds the next step.
from flowc.dsl import *


class OutputParameter(Workflow):
    entrypoint = "output-parameter"

    @steps
    def output_parameter(self):
        @step
        def generate_parameter(self):
            return self.hello_world_to_file()

        @step
        def consume_parameter(self):
            return self.print_message(
                message="{{steps.generate-parameter.outputs.parameters.hello-param}}"
            )

    @template
    @outputs.parameter(
        name="hello-param",
        value_from=V1alpha1ValueFrom(default="Foobar", path="/tmp/hello_world.txt"),
    )
    def hello_world_to_file(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["sh", "-c"],
            args=["sleep 1; echo -n hello world > /tmp/hello_world.txt"],
        )

    @template
    @inputs.parameter(name="message")
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{inputs.parameters.message}}"]
        )
