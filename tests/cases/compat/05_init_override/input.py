from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import *


class Configured(Workflow):
    entrypoint = "hello"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec.service_account_name = "runner"

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine:3.7", command=["echo", "hello"])
