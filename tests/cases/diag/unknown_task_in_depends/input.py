from flowc.dsl import *


class W(Workflow):
    @task
    def build(self):
        return self.echo()

    @task
    @depends("build.Succeeded && tset")
    def deploy(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine")
