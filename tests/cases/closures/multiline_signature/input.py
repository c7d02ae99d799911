from flowc.dsl import *


class Signatures(Workflow):
    entrypoint = "go"

    @closure(
        image="python:3.11",
        # a comment between the decorator's lines
    )
    def go(
        count: int = 2,  # how many
        # a comment between parameters
        label: str = "x",
    ) -> None:
        """A docstring stays, as argo-python-dsl keeps it."""
        text = """keep
    this   indentation
exactly"""
        total = (count +
                 1)
        path = "C:\\temp" \
            + "\\file"
        print(label, total, text, path, "naïve ✓")
