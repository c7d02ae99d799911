from flowc.dsl import Workflow, task

from flows.shared import Sharde


class Caller(Workflow):
    @task
    def hello(self):
        return Sharde.echo(message="hi")
