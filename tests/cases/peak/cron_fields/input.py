from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(CronWorkflow):
    schedule = "0 0 * * *"
    timezone = "Europe/London"
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
