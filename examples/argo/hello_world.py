# Argo example: hello-world.yaml. One container template as the entrypoint,
# with labels and annotations set from class attributes.
from typing import ClassVar

from flowc.dsl import *


class HelloWorld(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/archive-strategy": "false"}
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This is a simple hello world example.\n"
    }
    entrypoint = "hello-world"

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])
