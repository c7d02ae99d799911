# What a retry strategy says beyond a limit, a backoff and exit codes has no
# Peak equivalent.
from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def a(self):
        return self.by_number()

    @task
    def b(self):
        return self.by_status()

    @task
    def c(self):
        return self.by_both()

    @task
    def d(self):
        return self.unbounded()

    @template(retry_strategy=V1alpha1RetryStrategy(limit=2, expression="lastRetry.exitCode == 1"))
    def by_number(self) -> V1Container:
        return V1Container(image="alpine", command=["false"])

    @template(retry_strategy=V1alpha1RetryStrategy(limit=2, expression="lastRetry.status == 'Error'"))
    def by_status(self) -> V1Container:
        return V1Container(image="alpine", command=["false"])

    @template(retry_strategy=V1alpha1RetryStrategy(limit=2, expression="asInt(lastRetry.exitCode) == 1 && lastRetry.duration < 60"))
    def by_both(self) -> V1Container:
        return V1Container(image="alpine", command=["false"])

    @template(retry_strategy=V1alpha1RetryStrategy(backoff=V1alpha1Backoff(duration="10s")))
    def unbounded(self) -> V1Container:
        return V1Container(image="alpine", command=["false"])
