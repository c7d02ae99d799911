# A module imported at run time: nothing flowc can read statically.
import importlib

from flowc.dsl import Workflow, task

shared = importlib.import_module("app.lib.shared")


class Dynamic(Workflow):
    @task
    def a(self):
        return shared.Shared.echo(message="hi")
