# Argo example: dag-inline-clusterworkflowtemplate.yaml. The same inline DAG in a
# ClusterWorkflowTemplate.
from typing import ClassVar

from flowc.dsl import *


class DagInline(ClusterWorkflowTemplate):
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This examples demonstrates running a DAG with inline templates.\n",
        "workflows.argoproj.io/version": ">= 3.2.0",
    }

    @task(inline=V1alpha1Template(container=V1Container(image="argoproj/argosay:v2")))
    def a(self):
        pass
