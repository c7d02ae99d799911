# Argo example: input-artifact-http.yaml. An input artifact downloaded over
# HTTP, installed with mode 0755.
from typing import ClassVar

from flowc.dsl import *


class InputArtifactHttp(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "http-artifact-example"

    @template
    @inputs.artifact(
        name="kubectl",
        path="/bin/kubectl",
        mode=0o755,
        http=V1alpha1HTTPArtifact(
            url="https://storage.googleapis.com/kubernetes-release/release/v1.8.0/bin/linux/amd64/kubectl",
        ),
    )
    def http_artifact_example(self) -> V1Container:
        return V1Container(
            image="alpine:3.23", command=["sh", "-c"], args=["kubectl version"]
        )
