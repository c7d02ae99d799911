# Argo example: exit-handler-with-artifacts.yaml. A step's exit hook gets an
# output artifact of the step as its argument.
from typing import ClassVar

from flowc.dsl import *


class ExitHandlerWithArtifacts(Workflow):
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
                        artifacts=[
                            V1alpha1Artifact(
                                name="message",
                                _from="{{steps.step-1.outputs.artifacts.result}}",
                            ),
                        ]
                    ),
                ),
            }
        )
        def step_1(self):
            return self.output()

    @template
    @outputs.artifact(name="result", path="/result.txt")
    def output(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23",
            command=["python"],
            source='with open("result.txt", "w") as f:\n  f.write("Welcome")\n',
        )

    @template
    @inputs.artifact(name="message", path="/tmp/message")
    def exit(self) -> V1Container:
        return V1Container(
            image="python:alpine3.23", command=["sh", "-c"], args=["cat /tmp/message"]
        )
