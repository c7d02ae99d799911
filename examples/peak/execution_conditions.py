# The Peak CLI's "Execution condition configuration" example (seed 001):
# step-2 runs only if step-1's output parameter scriptOutput equals
# "output-value" and step-1 succeeded. Written with the portable DSL, as for
# Argo: @when becomes executionParameters.conditional, @depends (with the
# status written out) executionParameters.parentStatus.
from flowc.dsl import *
from flowc.dsl import peak

REPO = {"branch": "main", "token": "random_token", "url": "https://github.com/org/repo"}


@peak.workflow(
    name="new-workflow",
    triggers=[{"cron": "0 0 * * *"}],
    image_id=100,
    image_version_id=100,
    instance_type_id=21,
    storage="10GB",
    step_timeout=30,
    clear_image_cache=True,
    repository=REPO,
)
class ExecutionConditions(Workflow):
    @task
    def step_1(self):
        return self.script1()

    @task
    @depends("step-1.Succeeded")
    @when("{{tasks.step-1.outputs.parameters.scriptOutput}} == output-value")
    def step_2(self):
        return self.script2()

    @template
    @outputs.parameter(name="scriptOutput", value_from={"path": "output.txt"})
    @peak.step(command="python script1.py > output.txt")
    def script1(self) -> V1Container:
        return V1Container(
            image="python:3.11", command=["sh", "-c", "python script1.py > output.txt"]
        )

    @template
    def script2(self) -> V1Container:
        return V1Container(image="python:3.11", command=["python", "script2.py"])
