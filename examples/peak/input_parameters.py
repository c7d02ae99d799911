# The Peak CLI's "Input parameters configuration" example (seed 001): the
# container's env becomes parameters.env, its secret env vars parameters.secrets.
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(name="new-workflow", triggers=[{"cron": "0 0 * * *"}])
class InputParameters(Workflow):
    @task
    @peak.step(
        image_id=100,
        image_version_id=100,
        instance_type_id=21,
        storage="10GB",
        step_timeout=30,
        clear_image_cache=True,
    )
    def step_1(self):
        return self.hello()

    @template
    def hello(self) -> V1Container:
        return V1Container(
            image="alpine:3.19",
            command=["echo", "hello"],
            env=[
                V1EnvVar(name="key", value="value"),
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
