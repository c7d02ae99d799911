# Argo example: exit-code-output-variable.yaml. A later step reads a failed
# step's exit code ({{steps.X.exitCode}}).
from flowc.dsl import *


class ExitCodeOutputVariable(Workflow):
    entrypoint = "exit-code-output-variable"

    @steps
    def exit_code_output_variable(self):
        @step
        @continue_on(failed=True)
        def failing_container(self):
            return self.failing_container()

        @step
        def echo_container(self):
            return self.echo_container(exitCode="{{steps.failing-container.exitCode}}")

    @template
    def failing_container(self) -> V1Container:
        return V1Container(image="alpine:3.23", command=["sh", "-c"], args=["exit 123"])

    @template
    @inputs.parameter(name="exitCode")
    def echo_container(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=['echo "Exit code was: {{inputs.parameters.exitCode}}"'],
        )
