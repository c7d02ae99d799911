# A non-ASCII character in a Peak depends expression: once a
# UnicodeDecodeError traceback (the message held one byte of "é").
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(image_id=1, image_version_id=2)
class Pk(Workflow):
    @task
    def A(self):
        return self.echo()

    @task
    @depends("A && é")
    def b(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
