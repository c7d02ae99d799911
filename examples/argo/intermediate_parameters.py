# Argo example: intermediate-parameters.yaml. A manual approval: a suspend
# template whose input parameter (with a default, an enum and a description)
# is supplied at resume time and read back as its output.
from typing import ClassVar

from flowc.dsl import *


class IntermediateParameters(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    generate_name = "intermediate-parameters-cicd-"
    entrypoint = "cicd-pipeline"

    @steps
    def cicd_pipeline(self):
        @step
        def deploy_pre_prod(self):
            return self.deploy()

        @step
        def approval(self):
            return self.approval()

        @step
        @when("{{steps.approval.outputs.parameters.approve}} == YES")
        def deploy_prod(self):
            return self.deploy()

    @template
    @inputs.parameter(
        name="approve",
        default="NO",
        enum=["YES", "NO"],
        description="Choose YES to continue workflow and deploy to production",
    )
    @outputs.parameter(name="approve", value_from=V1alpha1ValueFrom(supplied={}))
    def approval(self) -> V1alpha1SuspendTemplate:
        return V1alpha1SuspendTemplate()

    @template
    def deploy(self) -> V1Container:
        return V1Container(
            image="argoproj/argosay:v2",
            command=["/argosay"],
            args=["echo", "deploying"],
        )
