# The Peak SDK's create_workflow example (seed 000): the same workflow as
# create_workflow.py with image 1 and no retry options. Python users get the
# body for `workflow_client.create_workflow(body)` with
# `flowc.peak_bodies(source)[0]` or `CreateWorkflowSdk().to_dict(target="peak")`.
from typing import ClassVar

from flowc.dsl import *


class CreateWorkflowSdk(Workflow):
    __peak__: ClassVar = {
        "name": "new-workflow",
        "triggers": [{"cron": "0 0 * * *"}],
        "watchers": [
            {"user": "abc@peak.ai", "events": {"success": False, "fail": True}},
            {
                "webhook": {
                    "name": "info",
                    "url": "https://abc.com/post",
                    "payload": '{ "pingback-url": "https:/workflow/123" }',
                },
                "events": {"success": False, "fail": True, "runtime_exceeded": 10},
            },
        ],
        "tags": ["foo", "bar"],
        # defaults of every step
        "image_id": 1,
        "image_version_id": 1,
        "instance_type_id": 21,
        "storage": "10GB",
        "step_timeout": 30,
        "clear_image_cache": True,
        "secrets": ["secret-1", "secret-2"],
        "repository": {
            "branch": "main",
            "token": "github",
            "url": "https://github.com/org/repo",
        },
    }

    @task
    def stepName(self):
        return self.run_script()

    @template
    def run_script(self) -> V1Container:
        return V1Container(
            image="python:3.11",
            command=["python", "script.py"],
            env=[V1EnvVar(name="key", value="value")],
        )
