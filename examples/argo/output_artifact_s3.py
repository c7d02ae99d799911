# Argo example: output-artifact-s3.yaml. An output artifact saved to S3 with
# credentials from a Kubernetes secret.
from typing import ClassVar

from flowc.dsl import *


class OutputArtifactS3(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "hello-world-to-file"

    @template
    @outputs.artifact(
        name="message",
        path="/tmp",
        s3=V1alpha1S3Artifact(
            endpoint="s3.amazonaws.com",
            bucket="my-bucket",
            region="us-west-2",
            # output artifacts are tarred and gzipped by default: name the key .tgz
            key="path/in/bucket/hello_world.txt.tgz",
            access_key_secret=V1SecretKeySelector(
                name="my-s3-credentials", key="accessKey"
            ),
            secret_key_secret=V1SecretKeySelector(
                name="my-s3-credentials", key="secretKey"
            ),
        ),
    )
    def hello_world_to_file(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["sh", "-c"],
            args=["echo hello world | tee /tmp/hello_world.txt"],
        )
