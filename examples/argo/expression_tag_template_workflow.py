# Argo example: expression-tag-template-workflow.yaml. expr tags ({{=...}})
# in a loop, an argument and container arguments.
from typing import ClassVar

from flowc.dsl import *


class ExpressionTagTemplateWorkflow(Workflow):
    generate_name = "expression-tag-template-"
    annotations: ClassVar = {"workflows.argoproj.io/version": ">= 3.1.0"}
    entrypoint = "main"

    @dag
    def main(self):
        @task
        @with_param("{{=toJson(filter([1, 3], {# > 1}))}}")
        def task_0(self):
            return self.pod_0(foo="{{=item}}")

    @template
    @inputs.parameter(name="foo")
    @outputs.parameter(name="output", value_from=V1alpha1ValueFrom(path="/output"))
    def pod_0(self) -> V1Container:
        return V1Container(
            image="argoproj/argosay:v2",
            args=[
                "echo",
                "hello {{=asInt(inputs.parameters.foo) * 10}} @ {{=sprig.date('2006', workflow.creationTimestamp)}}\n",
                "/output",
            ],
        )
