# Argo example: input-artifact-raw.yaml. An input artifact given inline.
from flowc.dsl import *


class InputArtifactRaw(Workflow):
    entrypoint = "raw-contents"

    @template
    @inputs.artifact(
        name="myfile",
        path="/tmp/file",
        raw=V1alpha1RawArtifact(data="this is\nthe raw file\ncontents\n"),
    )
    def raw_contents(self) -> V1Container:
        return V1Container(
            image="alpine:3.23", command=["sh", "-c"], args=["cat /tmp/file"]
        )
