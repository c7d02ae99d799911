# Argo example: steps-daemon-retry-strategy.yaml. A retried daemon step (an
# nginx server) and clients that each hold a mutex.
from typing import ClassVar

from flowc.dsl import *


class StepsDaemonRetryStrategy(Workflow):
    generate_name = "steps-daemon-retry-"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "duration"}
    entrypoint = "main"

    @steps
    def main(self):
        @step
        def server(self):
            return self.server()

        @step
        @parameter(name="server-ip", value="{{steps.server.ip}}")
        @with_sequence(count="10")
        def client(self, server_ip):
            return self.client(server_ip=server_ip)

    @template(retry_strategy=V1alpha1RetryStrategy(limit="10"), daemon=True)
    def server(self) -> V1Container:
        return V1Container(
            image="nginx:1.13",
            command=["nginx"],
            args=["-g", "daemon off;"],
            readiness_probe=V1Probe(
                http_get=V1HTTPGetAction(path="/", port=80),
                initial_delay_seconds=2,
                timeout_seconds=1,
            ),
        )

    @template(
        synchronization=V1alpha1Synchronization(
            mutexes=[V1alpha1Mutex(name="client-{{workflow.uid}}")]
        )
    )
    @inputs.parameter(name="server-ip")
    def client(self) -> V1Container:
        return V1Container(
            image="curlimages/curl:latest",
            command=["/bin/sh", "-c"],
            args=[
                (
                    "echo curl --silent -G http://{{inputs.parameters.server-ip}}:80/ && "
                    "curl --silent -G http://{{inputs.parameters.server-ip}}:80/"
                ),
            ],
        )
