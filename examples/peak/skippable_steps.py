# The Peak CLI's "Skippable steps configuration" example (seed 001): step-1
# is skipped, and with skip_dag so is every step after it.
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(
    name="new-workflow",
    triggers=[{"cron": "0 0 * * *"}],
    image_id=100,
    image_version_id=100,
    instance_type_id=21,
    storage="10GB",
    step_timeout=30,
    clear_image_cache=True,
)
class SkippableSteps(Workflow):
    @task
    @peak.step(skip=True, skip_dag=True)
    @parameter(name="message", value="hello")
    def step_1(self, message):
        return self.echo(message=message)

    @task
    @parameter(name="message", value="world")
    @dependencies(["step_1"])
    def step_2(self, message):
        return self.echo(message=message)

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(
            image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"]
        )
