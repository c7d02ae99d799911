# Argo example: dag-multiroot.yaml.
#
#   A   B
#  / \ /
# C   D
from flowc.dsl import *


class DagMultiroot(Workflow):
    entrypoint = "multiroot"

    @template
    @inputs.parameter(name="message")
    def echo(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo", "{{inputs.parameters.message}}"]
        )

    @dag
    def multiroot(self):
        @task
        def A(self):
            return self.echo(message="A")

        @task
        def B(self):
            return self.echo(message="B")

        @task
        @depends("A")
        def C(self):
            return self.echo(message="C")

        @task
        @depends("A && B")
        def D(self):
            return self.echo(message="D")
