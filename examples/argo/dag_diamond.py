# Argo example: dag-diamond.yaml.
#
#   A
#  / \
# B   C
#  \ /
#   D
from flowc.dsl import *


class DagDiamond(Workflow):
    entrypoint = "diamond"

    @dag
    def diamond(self):
        @task
        def A(self):
            return self.echo(message="A")

        @task
        @depends("A")
        def B(self):
            return self.echo(message="B")

        @task
        @depends("A")
        def C(self):
            return self.echo(message="C")

        @task
        @depends("B && C")
        def D(self):
            return self.echo(message="D")

    @template
    @inputs.parameter(name="message")
    def echo(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo", "{{inputs.parameters.message}}"]
        )
