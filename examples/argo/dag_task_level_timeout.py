# Argo example: dag-task-level-timeout.yaml. A template timeout taken from an
# input parameter, so each task sets its own.
from typing import ClassVar

from flowc.dsl import *


class DagTaskLevelTimeout(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "expected-failure"}
    entrypoint = "diamond"

    @dag
    def diamond(self):
        @task
        def A(self):
            return self.echo(timeout="20s")

        @task
        @depends("A")
        def B(self):
            return self.echo(timeout="10s")

        @task
        @depends("A")
        def C(self):
            return self.echo(timeout="20s")

    @template(timeout="{{inputs.parameters.timeout}}")
    @inputs.parameter(name="timeout")
    def echo(self) -> V1Container:
        return V1Container(image="busybox", command=["sleep", "15s"])
