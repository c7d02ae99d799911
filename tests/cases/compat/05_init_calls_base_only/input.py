# An __init__ that only calls the base's changes nothing flowc would miss.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import *


class Plain(Workflow):
    entrypoint = "hello"
    service_account_name = "runner"  # the static form of self.spec.service_account_name = ...

    def __init__(self, *args, **kwargs):
        """Nothing but the base's setup."""
        super().__init__(*args, **kwargs)

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine:3.7", command=["echo", "hello"])
