# Argo's retry_strategy -> runConfiguration.retryOptions: limit, backoff, and
# the exit codes of an expression that tests only the exit code.
from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def train(self):
        return self.fit()

    @task
    def score(self):
        return self.evaluate()

    @template
    def fit(self) -> V1alpha1Template:
        return V1alpha1Template(
            name="fit",
            container=V1Container(image="alpine", command=["python", "fit.py"]),
            retry_strategy=V1alpha1RetryStrategy(
                limit="4", retry_policy="Always", expression="asInt(lastRetry.exitCode) in [1, 137]",
                backoff=V1alpha1Backoff(duration="30s", factor=2),
            ),
        )

    @template(retry_strategy=V1alpha1RetryStrategy(limit=2, expression="asInt(lastRetry.exitCode) == 3 || lastRetry.exitCode == '4'"))
    def evaluate(self) -> V1Container:
        return V1Container(image="alpine", command=["python", "score.py"])
