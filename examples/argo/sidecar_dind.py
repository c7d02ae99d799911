# Argo example: sidecar-dind.yaml. A privileged docker-in-docker sidecar that
# mirrors the main container's volume mounts.
from typing import ClassVar

from flowc.dsl import *


class SidecarDind(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "dind-sidecar-example"

    @template(
        sidecars=[
            V1alpha1UserContainer(
                name="dind",
                image="docker:19.03.13-dind",
                command=["dockerd-entrypoint.sh"],
                env=[V1EnvVar(name="DOCKER_TLS_CERTDIR", value="")],
                security_context=V1SecurityContext(privileged=True),
                # mount the main container's volumes (and artifacts) at the same paths
                mirror_volume_mounts=True,
            ),
        ]
    )
    def dind_sidecar_example(self) -> V1Container:
        return V1Container(
            image="docker:19.03.13",
            command=["sh", "-c"],
            args=[
                "until docker ps; do sleep 3; done; docker run --rm debian:latest cat /etc/os-release"
            ],
            env=[V1EnvVar(name="DOCKER_HOST", value="127.0.0.1")],
        )
