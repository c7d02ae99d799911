# Argo example: arguments-artifacts.yaml. A workflow argument artifact from an
# HTTP URL, installed with file mode 0755.
from typing import ClassVar

from flowc.dsl import *


class ArgumentsArtifacts(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "kubectl-input-artifact"
    arguments = V1alpha1Arguments(
        artifacts=[
            V1alpha1Artifact(
                name="kubectl",
                http=V1alpha1HTTPArtifact(
                    url="https://storage.googleapis.com/kubernetes-release/release/v1.8.0/bin/linux/amd64/kubectl",
                ),
            ),
        ]
    )

    @template
    @inputs.artifact(name="kubectl", path="/usr/local/bin/kubectl", mode=0o755)
    def kubectl_input_artifact(self) -> V1Container:
        return V1Container(
            image="busybox", command=["sh", "-c"], args=["kubectl version"]
        )
