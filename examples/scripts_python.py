# The seed's closures and scopes: gen_random_int is plain Python that becomes
# a script template; init_logging joins the scope "main" and is injected into
# it as main.init_logging. The print task passes the script's output on.
# Neither has `self`, which type checkers cannot know: @no_type_check tells
# them not to check these two (flowc ignores it; see docs/dsl.md).
from typing import no_type_check

from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class ScriptsPython(Workflow):
    @task
    def generate(self) -> V1alpha1Template:
        return self.gen_random_int()

    @task
    @parameter(name="message", value="{{tasks.generate.outputs.result}}")
    @dependencies(["generate"])
    def print(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.print_message(message=message)

    @closure(scope="main", image="python:alpine3.6")
    @no_type_check
    def gen_random_int(main) -> V1alpha1ScriptTemplate:
        import random

        main.init_logging()
        i = random.randint(1, 100)
        print(i)

    @scope(name="main")
    @no_type_check
    def init_logging(level="DEBUG"):
        import logging

        logging_level = getattr(logging, level, "INFO")
        logging.getLogger("__main__").setLevel(logging_level)

    @template
    @inputs.parameter(name="message")
    def print_message(self, message: V1alpha1Parameter) -> V1Container:
        container = V1Container(
            name="print-message",
            image="alpine:latest",
            command=["sh", "-c"],
            args=["echo result was: {{inputs.parameters.message}}"],
        )
        return container
