# The seed's closures and scopes: gen_random_int is plain Python that becomes
# a script template; init_logging joins the scope "main" and is injected into
# it as main.init_logging. The print task passes the script's output on.
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

    @closure(
        scope="main",
        image="python:alpine3.6"
    )
    # A closure's and a scope function's body runs in the container, and they have
    # no `self`; type checkers read them as methods, hence the two ignores (see
    # "Type checking" in docs/dsl.md).
    def gen_random_int(main) -> V1alpha1ScriptTemplate:  # type: ignore[return]
        import random
        main.init_logging()
        i = random.randint(1, 100)
        print(i)

    @scope(name="main")
    def init_logging(level="DEBUG"):
        import logging
        logging_level = getattr(logging, level, "INFO")  # type: ignore[call-overload]
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
