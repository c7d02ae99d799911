# `name = "..."` is metadata.name in flowc (argo-python-dsl ignores it and
# writes the class's generateName): see "Differences from argo-python-dsl".
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import *


class Named(Workflow):
    name = "fixed-name"
    entrypoint = "hello"

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine:3.7", command=["echo", "hello"])
