# A secret read as a variable of another name, or with a key: what Peak
# cannot say is reported.
from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(
            image="alpine",
            command=["env"],
            env=[
                V1EnvVar(name="DB_PASSWORD", value_from=V1EnvVarSource(secret_key_ref=V1SecretKeySelector(name="db-credentials", key="password"))),
                V1EnvVar(name="token", value_from=V1EnvVarSource(secret_key_ref=V1SecretKeySelector(name="token", key="value", optional=True))),
                V1EnvVar(name="api_key", value_from=V1EnvVarSource(secret_key_ref=V1SecretKeySelector(name="api_key", key="key"))),
            ],
        )
