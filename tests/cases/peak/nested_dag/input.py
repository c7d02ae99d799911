from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def outer(self):
        return self.inner()

    @template
    def inner(self) -> V1alpha1Template:
        return V1alpha1Template(name="inner", dag=V1alpha1DAGTemplate(tasks=[V1alpha1DAGTask(name="x", template="echo")]))

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "a"])
