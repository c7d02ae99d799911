# Argo example: cluster-workflow-template/workflow-template-ref.yaml. A
# Workflow that is all a reference to a ClusterWorkflowTemplate.
from flowc.dsl import *


class ClusterWorkflowTemplateHelloWorld(Workflow):
    workflow_template_ref = V1alpha1WorkflowTemplateRef(
        name="cluster-workflow-template-submittable", cluster_scope=True
    )
