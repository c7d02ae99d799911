# The Peak CLI's "Auto retry configuration" example (seed 001): retry options
# for the whole workflow, and step-1's own, which come from its template's
# Argo retry_strategy (limit -> numberOfRetries, backoff duration -> duration,
# factor 2 -> exponentialBackoff) plus the exit codes only Peak has.
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(
    name="new-workflow",
    triggers=[{"cron": "0 0 * * *"}],
    retry_options={
        "duration": 5,
        "exit_codes": [1, 2],
        "exponential_backoff": True,
        "number_of_retries": 3,
    },
    image_id=100,
    image_version_id=100,
    instance_type_id=21,
    storage="10GB",
    step_timeout=30,
    clear_image_cache=True,
)
class AutoRetry(Workflow):
    @task
    @peak.step(retry_options={"exit_codes": [1, 137, 143]})
    def step_1(self):
        return self.hello()

    @task
    def step_2(self):
        return self.echo(message="world")

    @template
    def hello(self) -> V1alpha1Template:
        return V1alpha1Template(
            name="hello",
            container=V1Container(image="alpine:3.19", command=["echo", "hello"]),
            retry_strategy=V1alpha1RetryStrategy(
                limit=3, backoff=V1alpha1Backoff(duration="5", factor=2)
            ),
        )

    @template
    @inputs.parameter(name="message")
    def echo(self) -> V1Container:
        return V1Container(
            image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"]
        )
