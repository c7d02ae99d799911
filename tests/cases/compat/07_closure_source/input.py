# A closure's script is its body's text as argo-python-dsl keeps it: the
# docstring, comments and blank lines between statements stay; trailing
# blank lines do not, and (as the seed's documented output shows) there is
# no trailing newline.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import *


class Source(Workflow):
    entrypoint = "report"

    @closure(image="python:3.11")
    def report():
        """Print a report."""
        import sys

        lines = ["a", "b"]


        # two blank lines above, kept
        for line in lines:
            print(line)

        sys.stdout.flush()


