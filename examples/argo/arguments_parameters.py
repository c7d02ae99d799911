# Argo example: arguments-parameters.yaml. A workflow argument passed to the
# entrypoint's input parameter.
from flowc.dsl import *


class ArgumentsParameters(Workflow):
    entrypoint = "print-message"
    # Parameters can be passed/overridden via the argo CLI:
    # $ argo submit ... -p message="goodbye world"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="message", value="hello world")]
    )

    @template
    @inputs.parameter(name="message")
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{inputs.parameters.message}}"]
        )
