# The Kubernetes client's keyword spellings: `_exec` for V1Probe's exec.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import *
from kubernetes.client import V1ExecAction, V1Probe


class Probed(Workflow):
    entrypoint = "server"

    @template
    def server(self) -> V1Container:
        return V1Container(
            image="nginx:1.25",
            liveness_probe=V1Probe(_exec=V1ExecAction(command=["cat", "/tmp/healthy"]), period_seconds=5),
            readiness_probe=V1Probe(exec=V1ExecAction(command=["true"])),
        )
