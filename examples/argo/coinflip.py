# Argo example: coinflip.yaml. A steps template whose second group runs one of
# two steps, chosen by `when` on the first step's output result.
from typing import ClassVar

from flowc.dsl import *


class Coinflip(Workflow):
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This is an example of coin flip defined as a sequence of conditional steps.\\\n",
    }
    entrypoint = "coinflip"

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
            return self.tails()

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

    @template
    def tails(self) -> V1Container:
        return V1Container(
            image="busybox", command=["sh", "-c"], args=['echo "it was tails"']
        )
