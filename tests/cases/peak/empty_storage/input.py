# Peak needs a storage size when one is given: "" is refused (found by the
# Peak mutation test: it compiled to a file the Peak schema rejects).
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(image_id=100, image_version_id=100, storage="")
class EmptyStorage(Workflow):
    @task
    def step_1(self):
        return self.run()

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
