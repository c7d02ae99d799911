# Argo example: global-parameters.yaml. A template reads a workflow parameter
# directly.
from flowc.dsl import *


class GlobalParameters(Workflow):
    entrypoint = "print-message"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="message", value="hello world")]
    )

    @template
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{workflow.parameters.message}}"]
        )
