# Models reached through an imported module of models, in each spelling
# real code uses.
import argo.workflows.client.models as m
from argo.workflows import models
from argo.workflows.client import models as client_models
from argo.workflows.dsl import Workflow, template
from kubernetes import client as k8s


class Volumes(Workflow):
    entrypoint = "show"
    volumes = [
        models.V1Volume(name="work", empty_dir=models.V1EmptyDirVolumeSource()),
        m.V1Volume(name="config", config_map=m.V1ConfigMapVolumeSource(name="settings")),
    ]

    @template
    def show(self) -> client_models.V1Container:
        return client_models.V1Container(
            image="alpine:3.7",
            command=["ls", "/work", "/config"],
            volume_mounts=[
                k8s.V1VolumeMount(name="work", mount_path="/work"),
                k8s.V1VolumeMount(name="config", mount_path="/config"),
            ],
        )
