# The earlier SDK wrote a closure as a method, with `self` (as the library's
# scripts notebook does): the body runs as a script, `self` is never passed,
# and it is ignored.
from argo.workflows.sdk import Workflow
from argo.workflows.sdk.tasks import *
from argo.workflows.sdk.templates import *


class ScriptsPython(Workflow):
    @task
    def generate(self) -> V1alpha1Template:
        return self.gen_random_int()

    # A closure defines its own scope.
    @closure(
        image="python:alpine3.6"
    )
    def gen_random_int(self):
        import random
        i = random.randint(1, 100)
        print(i)
