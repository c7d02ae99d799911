# Argo example: workflow-template/workflow-template-ref.yaml. A Workflow that
# is all a reference to a WorkflowTemplate.
from flowc.dsl import *


class WorkflowTemplateHelloWorld(Workflow):
    workflow_template_ref = V1alpha1WorkflowTemplateRef(
        name="workflow-template-submittable"
    )
