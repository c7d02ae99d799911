from flowc.dsl import Workflow, task

from flows.tools import Tools


class Caller(Workflow):
    @task
    def load(self):
        return Tools.load_table(table="events")
