# A script template written as a dedented string, whose result a second
# task prints, passing its parameter on by position.
import textwrap

from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import dependencies, parameter, task
from argo.workflows.dsl.templates import V1alpha1ScriptTemplate, V1alpha1Template, V1Container, inputs, template


class ScriptResult(Workflow):
    @task
    def roll(self) -> V1alpha1Template:
        return self.roll_dice()

    @task
    @parameter(name="value", value="{{tasks.roll.outputs.result}}")
    @dependencies(["roll"])
    def report(self, value: str) -> V1alpha1Template:
        return self.show_value(value)

    @template
    def roll_dice(self) -> V1alpha1ScriptTemplate:
        source = textwrap.dedent(
            """\
            import random
            print(random.randint(1, 6))
            """
        )
        return V1alpha1ScriptTemplate(image="python:3.11-alpine", name="roll-dice", command=["python"], source=source)

    @template
    @inputs.parameter(name="value")
    def show_value(self, value: str) -> V1Container:
        return V1Container(
            image="busybox:1.36",
            name="show-value",
            command=["sh", "-c"],
            args=["echo rolled {{inputs.parameters.value}}"],
        )
