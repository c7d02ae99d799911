# The earlier SDK's spelling (argo.workflows.sdk, as the library's scripts
# notebook writes it): @arguments.parameter, and the task's parameter passed
# on by position.
import textwrap

from argo.workflows.sdk import Workflow
from argo.workflows.sdk.tasks import *
from argo.workflows.sdk.templates import *


class ScriptsPython(Workflow):
    @task
    def generate(self) -> V1alpha1Template:
        return self.gen_random_int()

    @task
    @arguments.parameter(
        name="message",
        value="{{tasks.generate.outputs.result}}"
    )
    @dependencies(["generate"])
    def print(self, message: str) -> V1alpha1Template:
        return self.print_message(message)

    @template
    def gen_random_int(self) -> V1alpha1ScriptTemplate:
        source = textwrap.dedent("""\
          import random
          i = random.randint(1, 100)
          print(i)
        """)

        template = V1alpha1ScriptTemplate(
            image="python:alpine3.6",
            name="gen-random-int",
            command=["python"],
            source=source
        )

        return template

    @template
    @inputs.parameter(name="message")
    def print_message(self, message: str) -> V1Container:
        container = V1Container(
            image="alpine:latest",
            name="print-message",
            command=["sh", "-c"],
            args=["echo result was: {{inputs.parameters.message}}"],
        )

        return container
