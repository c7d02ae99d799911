from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1alpha1Template:
        return V1alpha1Template(
            name="run",
            container=V1Container(image="alpine", command=["date"]),
            retry_strategy=V1alpha1RetryStrategy(limit=2, retry_policy="Always", backoff=V1alpha1Backoff(duration="1m", factor=3)),
            active_deadline_seconds=90,
        )
