# The Peak CLI's "Creating a workflow" example (seed 001): a cron trigger, a
# user and a webhook watcher, workflow-wide retry options and tags, and one
# step with its image, resources, timeout, env, secrets and repository.
# `flowc compile --target peak examples/peak/create_workflow.py` writes the
# file `peak workflows create` takes; --target argo ignores the peak settings.
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(
    name="new-workflow",
    triggers=[{"cron": "0 0 * * *"}],
    watchers=[
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
    retry_options={
        "duration": 5,
        "exit_codes": [1, 2],
        "exponential_backoff": True,
        "number_of_retries": 3,
    },
    tags=["foo", "bar"],
)
class CreateWorkflow(Workflow):
    @task
    @peak.step(
        image_id=100,
        image_version_id=100,
        instance_type_id=21,
        storage="10GB",
        step_timeout=30,
        clear_image_cache=True,
        repository={
            "branch": "main",
            "token": "random_token",
            "url": "https://github.com/org/repo",
        },
    )
    def stepName(self):
        return self.run_script()

    @template
    def run_script(self) -> V1Container:
        return V1Container(
            image="python:3.11",
            command=["python", "script.py"],
            env=[
                V1EnvVar(name="key", value="value"),
                # secrets: Peak gives a step its secrets as environment variables of the same name
                V1EnvVar(
                    name="secret-1",
                    value_from=V1EnvVarSource(
                        secret_key_ref=V1SecretKeySelector(name="secret-1", key="value")
                    ),
                ),
                V1EnvVar(
                    name="secret-2",
                    value_from=V1EnvVarSource(
                        secret_key_ref=V1SecretKeySelector(name="secret-2", key="value")
                    ),
                ),
            ],
        )
