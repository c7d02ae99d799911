from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(
            image="alpine",
            command=["date"],
            resources=V1ResourceRequirements(limits={"cpu": "1"}),
            volume_mounts=[V1VolumeMount(name="data", mount_path="/data")],
            env=[V1EnvVar(name="POD", value_from=V1EnvVarSource(field_ref=V1ObjectFieldSelector(field_path="metadata.name")))],
        )
