# Argo example: node-selector.yaml. A template-level node selector taken from
# an input parameter.
from typing import ClassVar

from flowc.dsl import *


class NodeSelector(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "print-arch"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="arch", value="amd64")]
    )

    @template(node_selector={"beta.kubernetes.io/arch": "{{inputs.parameters.arch}}"})
    @inputs.parameter(name="arch")
    def print_arch(self) -> V1Container:
        return V1Container(image="alpine:3.23", command=["sh", "-c"], args=["uname -a"])
