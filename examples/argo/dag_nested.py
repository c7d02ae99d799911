# Argo example: dag-nested.yaml. A DAG whose tasks are DAGs: the nested
# diamond takes an input parameter and passes it on.
from typing import ClassVar

from flowc.dsl import *


class DagNested(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "flaky"}
    entrypoint = "diamond"

    @template
    @inputs.parameter(name="message")
    def echo(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo", "{{inputs.parameters.message}}"]
        )

    @dag
    def diamond(self):
        @task
        def A(self):
            return self.nested_diamond(message="A")

        @task
        @depends("A")
        def B(self):
            return self.nested_diamond(message="B")

        @task
        @depends("A")
        def C(self):
            return self.nested_diamond(message="C")

        @task
        @depends("B && C")
        def D(self):
            return self.nested_diamond(message="D")

    @dag
    @inputs.parameter(name="message")
    def nested_diamond(self):
        @task
        def A(self):
            return self.echo(message="{{inputs.parameters.message}}A")

        @task
        @depends("A")
        def B(self):
            return self.echo(message="{{inputs.parameters.message}}B")

        @task
        @depends("A")
        def C(self):
            return self.echo(message="{{inputs.parameters.message}}C")

        @task
        @depends("B && C")
        def D(self):
            return self.echo(message="{{inputs.parameters.message}}D")
