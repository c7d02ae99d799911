# Argo example: conditional-artifacts.yaml. A steps template's output artifact
# chosen by an expression over which conditional step ran.
from typing import ClassVar

from flowc.dsl import *


class ConditionalArtifacts(Workflow):
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "Conditional artifacts provide a way to choose the output artifacts based on expression.\n"
        "\n"
        "In this example the main template has two steps which will run conditionall using `when` .\n"
        "\n"
        'Based on the `when` condition one of step will not execute. The main template\'s output artifact named "result"\n'
        "will be set to the executed step's output.\n",
        "workflows.argoproj.io/version": ">= 3.1.0",
    }
    entrypoint = "main"

    @steps
    @outputs.artifact(
        name="result",
        from_expression="steps['flip-coin'].outputs.result == 'heads' ? "
        "steps.heads.outputs.artifacts.result : steps.tails.outputs.artifacts.result",
    )
    def main(self):
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
            source='import random\nprint("heads" if random.randint(0,1) == 0 else "tails")\n',
        )

    @template
    @outputs.artifact(name="result", path="/result.txt")
    def heads(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23",
            command=["python"],
            source='with open("result.txt", "w") as f:\n  f.write("it was heads")\n',
        )

    @template
    @outputs.artifact(name="result", path="/result.txt")
    def tails(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23",
            command=["python"],
            source='with open("result.txt", "w") as f:\n  f.write("it was tails")\n',
        )
