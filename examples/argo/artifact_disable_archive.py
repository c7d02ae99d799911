# Argo example: artifact-disable-archive.yaml. Output artifacts saved without
# archiving (archive none) or as an uncompressed tar; three artifacts passed
# to the next step.
from typing import ClassVar

from flowc.dsl import *


class ArtifactDisableArchive(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "flaky"}
    entrypoint = "artifact-disable-archive"

    @steps
    def artifact_disable_archive(self):
        @step
        def generate_artifact(self):
            return self.hello_world_to_file()

        @step
        @artifact(name="etc", _from="{{steps.generate-artifact.outputs.artifacts.etc}}")
        @artifact(
            name="hello-txt",
            _from="{{steps.generate-artifact.outputs.artifacts.hello-txt}}",
        )
        @artifact(
            name="hello-txt-nc",
            _from="{{steps.generate-artifact.outputs.artifacts.hello-txt-nc}}",
        )
        def consume_artifact(self):
            return self.print_message_from_files()

    @template
    # V1alpha1NoneStrategy() is not callable (a model without fields): a plain dict stands in
    @outputs.artifact(name="etc", path="/etc", archive=V1alpha1ArchiveStrategy(none={}))
    @outputs.artifact(
        name="hello-txt",
        path="/tmp/hello_world.txt",
        archive=V1alpha1ArchiveStrategy(none={}),
    )
    @outputs.artifact(
        name="hello-txt-nc",
        path="/tmp/hello_world_nc.txt",
        archive=V1alpha1ArchiveStrategy(tar=V1alpha1TarStrategy(compression_level=0)),
    )
    def hello_world_to_file(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["sh", "-c"],
            args=[
                "echo hello world | tee /tmp/hello_world.txt | tee /tmp/hello_world_nc.txt ; sleep 1"
            ],
        )

    @template
    @inputs.artifact(name="etc", path="/tmp/etc")
    @inputs.artifact(name="hello-txt", path="/tmp/hello.txt")
    @inputs.artifact(name="hello-txt-nc", path="/tmp/hello_nc.txt")
    def print_message_from_files(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["sh", "-c"],
            args=[
                "cat /tmp/hello.txt && cat /tmp/hello_nc.txt && cd /tmp/etc && find ."
            ],
        )
