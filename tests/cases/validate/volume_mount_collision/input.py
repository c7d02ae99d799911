from flowc.dsl import *


class W(Workflow):
    entrypoint = "main"

    @template
    @inputs.artifact(name="src", path="/src", git={"repo": "https://github.com/argoproj/argo-workflows.git"})
    def main(self, src) -> V1Container:
        return V1Container(image="alpine:3.19", command=["ls", "/src"],
                           volume_mounts=[V1VolumeMount(name="work", mount_path="/src")])
