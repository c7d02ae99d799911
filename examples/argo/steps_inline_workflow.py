# Argo example: steps-inline-workflow.yaml. A step whose template is written
# inline, with @step(inline=...) and no return.
from typing import ClassVar

from flowc.dsl import *


class StepsInline(Workflow):
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This workflow demonstrates running a steps with inline templates.\n",
        "workflows.argoproj.io/version": ">= 3.2.0",
    }

    @steps
    def main(self):
        @step(
            inline=V1alpha1Template(container=V1Container(image="argoproj/argosay:v2"))
        )
        def a(self):
            pass
