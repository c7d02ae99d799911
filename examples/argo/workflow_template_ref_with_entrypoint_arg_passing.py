# Argo example: workflow-template/workflow-template-ref-with-entrypoint-arg-passing.yaml.
# A reference to a WorkflowTemplate, choosing its entrypoint and arguments.
from flowc.dsl import *


class WorkflowTemplateHelloWorld(Workflow):
    entrypoint = "print-message"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="message", value="hello world")]
    )
    workflow_template_ref = V1alpha1WorkflowTemplateRef(
        name="workflow-template-print-message"
    )
