# Argo example: global-outputs.yaml. Outputs exported under a global name and
# read back in later steps and in the exit handler.
from flowc.dsl import *


class GlobalOutputs(Workflow):
    entrypoint = "generate-globals"
    on_exit = "consume-globals"

    @steps
    def generate_globals(self):
        @step
        def generate(self):
            return self.global_output()

        @step
        def consume_globals(self):
            return self.consume_globals()

    # Template which produces a global parameter and artifact
    @template
    @outputs.parameter(
        name="hello-param",
        value_from=V1alpha1ValueFrom(path="/tmp/hello_world.txt"),
        global_name="my-global-param",
    )
    @outputs.artifact(
        name="hello-art", path="/tmp/hello_world.txt", global_name="my-global-art"
    )
    def global_output(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["sleep 1; echo -n hello world > /tmp/hello_world.txt"],
        )

    @steps
    def consume_globals(self):
        @step
        def consume_global_param(self):
            return self.consume_global_param()

        @step
        @parallel
        @artifact(name="art", _from="{{workflow.outputs.artifacts.my-global-art}}")
        def consume_global_art(self, art):
            return self.consume_global_art(art=art)

    @template
    @inputs.parameter(
        name="param", value="{{workflow.outputs.parameters.my-global-param}}"
    )
    def consume_global_param(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["echo {{inputs.parameters.param}}"],
        )

    @template
    @inputs.artifact(name="art", path="/art")
    def consume_global_art(self) -> V1Container:
        return V1Container(image="alpine:3.23", command=["sh", "-c"], args=["cat /art"])
