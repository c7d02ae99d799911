# Argo example: workflow-template/hello-world.yaml. A step running a template
# of a WorkflowTemplate.
from flowc.dsl import *


class WorkflowTemplateHelloWorld(Workflow):
    entrypoint = "hello-world-from-templateRef"

    @steps
    def hello_world_from_templateRef(self):
        @step
        @parameter(name="message", value="hello world")
        def call_print_message(self, message):
            return V1alpha1TemplateRef(
                name="workflow-template-print-message", template="print-message"
            )
