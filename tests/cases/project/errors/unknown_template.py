from flowc.dsl import Workflow, task

from flows.shared import Shared


class Caller(Workflow):
    @task
    def hello(self):
        return Shared.ecoh(message="hi")
