from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id="one", storge="10GB", tags="foo", triggers=[{"crn": "0 0 * * *"}])
class W(Workflow):
    @task
    @peak.step(skip_dag="yes", conditional=[{"condition": "equals", "param_name": "p", "step_name": "nope", "value": "x"}])
    def a(self):
        return self.entry()

    @template
    def entry(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
