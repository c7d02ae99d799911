# @depends: a status written out becomes executionParameters.parentStatus;
# plain names are parents that must succeed (Peak's default, nothing to say).
from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def extract(self):
        return self.run()

    @task
    def backup(self):
        return self.run()

    @task
    @depends("extract && backup")
    def load(self):
        return self.run()

    @task
    @depends("extract.Succeeded")
    def report(self):
        return self.run()

    @task
    @depends("extract.Failed || backup.Failed")
    def alert(self):
        return self.run()

    @task
    @depends("(extract.Succeeded || extract.Failed) && backup.Succeeded")
    def cleanup(self):
        return self.run()

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
