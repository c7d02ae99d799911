# The base class: its template and task are inherited by input.py's class.
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(image_id=1, storage=10)
class Base(Workflow):
    @task
    def fetch(self):
        return self.download()

    @template
    def download(self) -> V1Container:
        return V1Container(image="alpine", command=["wget", "{{workflow.name}}"], tty=True)
