# A star import: flowc does not follow it, and says so at the call.
from app.lib.shared import *  # noqa: F403
from flowc.dsl import Workflow, task


class Star(Workflow):
    @task
    def a(self):
        return Shared.echo(message="hi")  # noqa: F405
