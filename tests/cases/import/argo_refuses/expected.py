# A label value Argo refuses (it must end with a letter or digit): imported as
# written, with a warning; `flowc compile` of the result reports it.
from typing import ClassVar

from flowc.dsl import V1Container, Workflow, template


class Hello(Workflow):
    labels: ClassVar = {"prefix": "hello-"}
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="busybox")
