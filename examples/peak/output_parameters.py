# The Peak CLI's "Output parameters configuration" example (seed 001): an
# output parameter read from a file becomes outputParameters. The step's
# command is a shell line (a redirection), so it is given as is with
# @peak.step(command=...); Argo runs the same line with sh -c.
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
class OutputParameters(Workflow):
    @task
    def step_1(self):
        return self.script1()

    @template
    @outputs.parameter(name="scriptOutput", value_from={"path": "output.txt"})
    @peak.step(command="python script1.py > output.txt")
    def script1(self) -> V1Container:
        return V1Container(
            image="python:3.11", command=["sh", "-c", "python script1.py > output.txt"]
        )
