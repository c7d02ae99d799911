# Argo example: container-set-template/parallel-workflow.yaml. Two containers
# run in parallel in one pod (a container set template).
from typing import ClassVar

from flowc.dsl import *


class ParallelWorkflow(Workflow):
    generate_name = "parallel-"
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This workflow demonstrates running parallel containers within a single pod.\n",
        "workflows.argoproj.io/version": ">= 3.1.0",
    }

    @template
    def main(self) -> V1alpha1ContainerSetTemplate:
        return V1alpha1ContainerSetTemplate(
            containers=[
                V1alpha1ContainerNode(name="a", image="argoproj/argosay:v2"),
                V1alpha1ContainerNode(name="b", image="argoproj/argosay:v2"),
            ]
        )
