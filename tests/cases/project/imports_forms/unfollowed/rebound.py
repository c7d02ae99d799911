# An imported class bound again: flowc does not guess what the name means now.
from app.lib.shared import Shared
from flowc.dsl import Workflow, task

Shared = Shared.with_name("other")  # type: ignore[attr-defined]


class Rebound(Workflow):
    @task
    def a(self):
        return Shared.echo(message="hi")
