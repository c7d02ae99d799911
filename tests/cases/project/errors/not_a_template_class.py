from flowc.dsl import Workflow, task

from flows.release import Release


class Caller(Workflow):
    @task
    def again(self):
        return Release.build()
