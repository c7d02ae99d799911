# A closure with a scope it reaches by name (no parameter), next to the
# helpers real projects keep on their workflow classes: a property, a static
# method and a plain method, which the library ignores.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class ClosureHelpers(Workflow):
    @property
    def owner(self):
        return "team-a"

    @staticmethod
    def version():
        return "1.2"

    def describe(self):
        return "random numbers"

    @task
    def generate(self) -> V1alpha1Template:
        return self.gen_random_int()

    @closure(scope="main", image="python:alpine3.6")
    def gen_random_int() -> V1alpha1ScriptTemplate:
        import random

        main.init_logging()
        i = random.randint(1, 100)

        # the number goes to stdout
        print(i)

    @scope(name="main")
    def init_logging(level="DEBUG"):
        import logging

        logging_level = getattr(logging, level, "INFO")
        logging.getLogger("__main__").setLevel(logging_level)
