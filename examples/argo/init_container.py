# Argo example: init-container.yaml. An init container sharing the main
# container's volume mounts.
from flowc.dsl import *


class InitContainer(Workflow):
    entrypoint = "init-container-example"
    volumes = (V1Volume(name="foo", empty_dir=V1EmptyDirVolumeSource()),)

    @template(
        init_containers=[
            V1alpha1UserContainer(
                name="hello",
                image="alpine:3.23",
                command=["echo", "hello"],
                mirror_volume_mounts=True,
            ),
        ]
    )
    def init_container_example(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["echo", "bye"],
            volume_mounts=[V1VolumeMount(name="foo", mount_path="/foo")],
        )
