# A variable read from a Kubernetes secret -> the Peak secret of that name
# (parameters.secrets); Peak gives the step the whole secret, as the variable
# named after it (the key is reported with a warning, W0604).
from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(
            image="alpine",
            command=["sh", "-c", "connect --password \"$db_password\""],
            env=[
                V1EnvVar(name="MODE", value="prod"),
                V1EnvVar(name="db_password", value_from=V1EnvVarSource(secret_key_ref=V1SecretKeySelector(name="db_password", key="password"))),
            ],
        )
