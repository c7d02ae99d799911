# Argo example: volumes-existing.yaml. An existing PersistentVolumeClaim
# mounted by two steps.
from flowc.dsl import *

WORKDIR = V1VolumeMount(name="workdir", mount_path="/mnt/vol")


class VolumesExisting(Workflow):
    entrypoint = "volumes-existing-example"
    volumes = (
        V1Volume(
            name="workdir",
            persistent_volume_claim=V1PersistentVolumeClaimVolumeSource(
                claim_name="my-existing-volume"
            ),
        ),
    )

    @steps
    def volumes_existing_example(self):
        @step
        def generate(self):
            return self.append_to_accesslog()

        @step
        def print(self):
            return self.print_accesslog()

    @template
    def append_to_accesslog(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["echo accessed at: $(date) | tee -a /mnt/vol/accesslog"],
            volume_mounts=[WORKDIR],
        )

    @template
    def print_accesslog(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["echo 'Volume access log:'; cat /mnt/vol/accesslog"],
            volume_mounts=[WORKDIR],
        )
