# Argo example: label-value-from-workflow.yaml. A workflow label computed from
# a parameter by an expression (workflow_metadata.labels_from).
from typing import ClassVar

from flowc.dsl import *


class LabelValueFromWorkflow(Workflow):
    generate_name = "label-value-from-"
    annotations: ClassVar = {
        "workflows.argoproj.io/version": ">= v3.3.0",
        "workflows.argoproj.io/description": "This examples show you how to add labels based on an expression.\n"
        "You can then query workflows based on the parameters they were invoked with.\n"
        "In this specific case, the value of foo will set as a label on the workflow.\n",
    }
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="foo", value="bar")]
    )
    workflow_metadata = V1alpha1WorkflowMetadata(
        labels_from={
            "foo": V1alpha1LabelValueFrom(expression="workflow.parameters.foo")
        },
    )
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="argoproj/argosay:v2")
