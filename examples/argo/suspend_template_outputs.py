# Argo example: suspend-template-outputs.yaml. A suspend template whose
# output parameter is supplied when the workflow is resumed.
from typing import ClassVar

from flowc.dsl import *


class SuspendTemplateOutputs(Workflow):
    name = "suspend-outputs"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "suspend"

    @steps
    def suspend(self):
        @step
        def approve(self):
            return self.approve()

        @step
        def release(self):
            return self.print_message(
                message="{{steps.approve.outputs.parameters.message}}"
            )

    @template
    @outputs.parameter(name="message", value_from=V1alpha1ValueFrom(supplied={}))
    def approve(self) -> V1alpha1SuspendTemplate:
        return V1alpha1SuspendTemplate()

    @template
    @inputs.parameter(name="message")
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{inputs.parameters.message}}"]
        )
