# Argo example: dag-inline-cronworkflow.yaml. A CronWorkflow that runs the
# WorkflowTemplate dag-inline by reference; it has no templates of its own.
from typing import ClassVar

from flowc.dsl import *


class DagInline(CronWorkflow):
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This example demonstrates running cron workflow that has a DAG with inline templates.\n",
        "workflows.argoproj.io/version": ">= 3.2.0",
    }
    schedules = ("*/5 * * * *",)
    workflow_template_ref = V1alpha1WorkflowTemplateRef(name="dag-inline")
