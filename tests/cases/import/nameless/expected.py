# No name and no generateName (as in Argo's fun-with-gifs.yaml): imported
# nameless with `generate_name = None`, and a warning.
from typing import ClassVar

from flowc.dsl import V1Container, Workflow, template


class Input(Workflow):
    labels: ClassVar = {"team": "a"}
    generate_name = None
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="busybox")
