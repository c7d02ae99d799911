# Argo example: input-artifact-s3.yaml. An input artifact from S3, with its
# credentials taken from a Kubernetes secret.
from typing import ClassVar

from flowc.dsl import *


class InputArtifactS3(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "input-artifact-s3-example"

    @template
    @inputs.artifact(
        name="my-art",
        path="/my-artifact",
        s3=V1alpha1S3Artifact(
            # AWS: s3.amazonaws.com, GCS: storage.googleapis.com, Minio: my-minio-endpoint.default:9000
            endpoint="s3.amazonaws.com",
            bucket="my-bucket-name",
            key="path/in/bucket",
            region="us-west-2",
            # secret selectors: the k8s secret 'my-s3-credentials' holds 'accessKey' and 'secretKey'
            access_key_secret=V1SecretKeySelector(
                name="my-s3-credentials", key="accessKey"
            ),
            secret_key_secret=V1SecretKeySelector(
                name="my-s3-credentials", key="secretKey"
            ),
        ),
    )
    def input_artifact_s3_example(self) -> V1Container:
        return V1Container(
            image="debian:latest", command=["sh", "-c"], args=["ls -l /my-artifact"]
        )
