# Argo example: volumes-pvc.yaml. A volume claim template shared by two steps.
from flowc.dsl import *


class VolumesPvc(Workflow):
    entrypoint = "volumes-pvc-example"
    volume_claim_templates = (
        V1PersistentVolumeClaim(
            metadata=V1ObjectMeta(name="workdir"),
            spec=V1PersistentVolumeClaimSpec(
                access_modes=["ReadWriteOnce"],
                resources=V1VolumeResourceRequirements(requests={"storage": "1Gi"}),
            ),
        ),
    )

    @steps
    def volumes_pvc_example(self):
        @step
        def generate(self):
            return self.hello_world_to_file()

        @step
        def print(self):
            return self.print_message_from_file()

    @template
    def hello_world_to_file(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["sh", "-c"],
            args=[
                "echo generating message in volume; echo hello world | tee /mnt/vol/hello_world.txt"
            ],
            volume_mounts=[V1VolumeMount(name="workdir", mount_path="/mnt/vol")],
        )

    @template
    def print_message_from_file(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=[
                "echo getting message from volume; find /mnt/vol; cat /mnt/vol/hello_world.txt"
            ],
            volume_mounts=[V1VolumeMount(name="workdir", mount_path="/mnt/vol")],
        )
