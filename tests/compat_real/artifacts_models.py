# Artifacts passed between tasks, with volumes written through a module of
# models (`from argo.workflows.client import models`) and a probe written
# with the client's `_exec` keyword.
from argo.workflows.client import models
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class ArtifactsModels(Workflow):
    volumes = [models.V1Volume(name="scratch", empty_dir=models.V1EmptyDirVolumeSource())]

    @task
    def generate_artifact(self) -> V1alpha1Template:
        return self.whalesay()

    @task
    @artifact(name="message", _from="{{tasks.generate-artifact.outputs.artifacts.hello-art}}")
    @dependencies(["generate-artifact"])
    def consume_artifact(self, message: V1alpha1Artifact) -> V1alpha1Template:
        return self.print_message(message=message)

    @template
    @outputs.artifact(name="hello-art", path="/tmp/hello_world.txt")
    def whalesay(self) -> V1Container:
        return V1Container(
            name="whalesay",
            image="docker/whalesay:latest",
            command=["sh", "-c"],
            args=["cowsay hello world | tee /tmp/hello_world.txt"],
            volume_mounts=[models.V1VolumeMount(name="scratch", mount_path="/scratch")],
            liveness_probe=models.V1Probe(_exec=models.V1ExecAction(command=["true"])),
        )

    @template
    @inputs.artifact(name="message", path="/tmp/message")
    def print_message(self, message: V1alpha1Artifact) -> V1Container:
        return V1Container(
            name="print-message",
            image="alpine:latest",
            command=["sh", "-c"],
            args=["cat", "/tmp/message"],
        )
