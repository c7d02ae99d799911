# Steps calling shared templates, positional arguments too.
from flowc.dsl import V1alpha1Artifact, Workflow, step, steps, template

from .shared import Shared
from .tools import Tools


class Nightly(Workflow):
    entrypoint = "main"

    @steps
    def main(self):
        @step
        def hello(self):
            return Shared.echo("nightly run starting")

        @step
        def load(self):
            return Tools.load_table(table="events", rows=V1alpha1Artifact(s3={"key": "events.csv"}))
