# Argo example: exit-handler-with-param.yaml. A step's exit hook gets an
# output parameter of the step as its argument.
from typing import ClassVar

from flowc.dsl import *


class ExitHandlerWithParam(Workflow):
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "onExitTemplate enables workflow to pass the arguments (parameters/Artifacts) to exit handler template.\n",
        "workflows.argoproj.io/version": ">= 3.1.0",
    }
    entrypoint = "main"

    @steps
    def main(self):
        @step(
            hooks={
                "exit": V1alpha1LifecycleHook(
                    template="exit",
                    arguments=V1alpha1Arguments(
                        parameters=[
                            V1alpha1Parameter(
                                name="message",
                                value="{{steps.step-1.outputs.parameters.result}}",
                            ),
                        ]
                    ),
                ),
            }
        )
        def step_1(self):
            return self.output()

    @template
    @outputs.parameter(
        name="result",
        value_from=V1alpha1ValueFrom(default="Foobar", path="/tmp/hello_world.txt"),
    )
    def output(self) -> V1Container:
        return V1Container(
            image="python:alpine3.23",
            command=["sh", "-c"],
            args=["echo -n hello world > /tmp/hello_world.txt"],
        )

    @template
    @inputs.parameter(name="message")
    def exit(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23",
            command=["python"],
            source='print("{{inputs.parameters.message}}")\n',
        )
