# Argo example: dag-conditional-parameters.yaml. A DAG template's output
# parameter chosen by an expression over which conditional task ran.
from typing import ClassVar

from flowc.dsl import *


class DagConditionalParameters(Workflow):
    generate_name = "dag-conditional-parameter-"
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "Conditional parameters provide a way to choose the output parameters based on expression.\n"
        "\n"
        "In this example DAG template has two task which will run conditionally based on `when`.\n"
        "\n"
        "Based on this condition one of task may not execute. The template's output parameter will be set to the\n"
        "executed taks's output result.\n",
        "workflows.argoproj.io/version": ">= 3.1.0",
    }
    entrypoint = "main"

    @dag
    @outputs.parameter(
        name="stepresult",
        value_from=V1alpha1ValueFrom(
            expression="tasks['flip-coin'].outputs.result == 'heads' ? "
            "tasks.heads.outputs.result : tasks.tails.outputs.result",
        ),
    )
    def main(self):
        @task
        def flip_coin(self):
            return self.flip_coin()

        @task
        @depends("flip-coin")
        @when("{{tasks.flip-coin.outputs.result}} == heads")
        def heads(self):
            return self.heads()

        @task
        @depends("flip-coin")
        @when("{{tasks.flip-coin.outputs.result}} == tails")
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
    def heads(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23", command=["python"], source='print("heads")\n'
        )

    @template
    def tails(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23", command=["python"], source='print("tails")\n'
        )
