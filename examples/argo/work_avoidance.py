# Argo example: work-avoidance.yaml. Markers saved to S3 (credentials from a
# secret) on exit and loaded, optionally, at the start, so finished work is
# skipped on a rerun.
from typing import ClassVar

from flowc.dsl import *

WORK = V1VolumeMount(name="work", mount_path="/work")
MARKERS_S3 = V1alpha1S3Artifact(
    key="work-avoidance-markers",
    bucket="my-bucket",
    endpoint="minio:9000",
    insecure=True,
    access_key_secret=V1SecretKeySelector(name="my-minio-cred", key="accesskey"),
    secret_key_secret=V1SecretKeySelector(name="my-minio-cred", key="secretkey"),
)


class WorkAvoidance(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "main"
    volume_claim_templates = (
        V1PersistentVolumeClaim(
            metadata=V1ObjectMeta(name="work"),
            spec=V1PersistentVolumeClaimSpec(
                access_modes=["ReadWriteOnce"],
                resources=V1VolumeResourceRequirements(requests={"storage": "10Mi"}),
            ),
        ),
    )
    on_exit = "save-markers"

    @steps
    def main(self):
        @step
        def load_markers(self):
            return self.load_markers()

        @step
        @with_sequence(count="3")
        def echo(self):
            return self.echo(num="{{item}}")

    @template
    @inputs.artifact(name="markers", path="/work/markers", optional=True, s3=MARKERS_S3)
    def load_markers(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["mkdir", "-p", "/work/markers"],
            volume_mounts=[WORK],
        )

    @template
    @inputs.parameter(name="num")
    def echo(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="busybox",
            command=["sh", "-eux"],
            source=(
                "marker=/work/markers/$(date +%Y-%m-%d)-echo-{{inputs.parameters.num}}\n"
                "if [ -e  ${marker} ]; then\n"
                '  echo "work already done"\n'
                "  exit 0\n"
                "fi\n"
                'echo "working very hard"\n'
                "# toss a virtual coin and exit 1 if 1\n"
                "if [ $(($(($RANDOM%10))%2)) -eq 1 ]; then\n"
                '  echo "oh no!"\n'
                "  exit 1\n"
                "fi\n"
                "touch ${marker}\n"
            ),
            volume_mounts=[WORK],
        )

    @template
    @outputs.artifact(name="markers", path="/work/markers", s3=MARKERS_S3)
    def save_markers(self) -> V1Container:
        return V1Container(image="busybox", command=["true"], volume_mounts=[WORK])
