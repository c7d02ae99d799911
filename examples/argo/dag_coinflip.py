# Argo example: dag-coinflip.yaml. DAG tasks call a steps template that calls
# itself until the coin comes up heads.
from typing import ClassVar

from flowc.dsl import *


class DagCoinflip(Workflow):
    generate_name = "dag-diamond-coinflip-"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "duration"}
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This is an example of coin flip defined as a DAG.\n"
    }
    entrypoint = "diamond"

    @dag
    def diamond(self):
        @task
        def A(self):
            return self.coinflip()

        @task
        @depends("A")
        def B(self):
            return self.coinflip()

        @task
        @depends("A")
        def C(self):
            return self.coinflip()

        @task
        @depends("B && C")
        def D(self):
            return self.coinflip()

    @steps
    def coinflip(self):
        @step
        def flip_coin(self):
            return self.flip_coin()

        @step
        @when("{{steps.flip-coin.outputs.result}} == heads")
        def heads(self):
            return self.heads()

        @step
        @parallel
        @when("{{steps.flip-coin.outputs.result}} == tails")
        def tails(self):
            return self.coinflip()

    @template
    def flip_coin(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23",
            command=["python"],
            source='import random\nresult = "heads" if random.randint(0,1) == 0 else "tails"\nprint(result)\n',
        )

    @template
    def heads(self) -> V1Container:
        return V1Container(
            image="busybox", command=["sh", "-c"], args=['echo "it was heads"']
        )
