# templates: template, inputs, outputs, parameter, artifact (template side)
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import (
    V1Container, artifact, inputs, outputs, parameter, template,
)


class InputsOutputs(Workflow):
    entrypoint = "produce"

    @template
    @inputs.parameter(name="message", default="hello")
    @inputs.parameter(name="mode", enum=["a", "b"], value="a", description="how")
    @inputs.artifact(name="data", path="/in/data", optional=True)
    @parameter(name="count", default=3)
    @artifact(name="extra", path="/in/extra", mode=0o644, optional=True)
    @outputs.parameter(name="result", value_from={"path": "/out/result.txt", "default": "none"})
    @outputs.artifact(name="report", path="/out/report", archive={"none": {}})
    def produce(self, message, mode, data, count, extra) -> V1Container:
        return V1Container(
            image="alpine:3.19",
            command=["sh", "-c"],
            args=["echo {{inputs.parameters.message}} {{inputs.parameters.mode}} {{inputs.parameters.count}}"],
        )
