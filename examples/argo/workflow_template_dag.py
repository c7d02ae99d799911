# Argo example: workflow-template/dag.yaml. DAG tasks that run templates of
# WorkflowTemplates (templateRef).
from flowc.dsl import *


class WorkflowTemplateDagDiamond(Workflow):
    entrypoint = "diamond"

    @dag
    def diamond(self):
        @task
        @parameter(name="message", value="A")
        def A(self, message):
            return V1alpha1TemplateRef(
                name="workflow-template-print-message", template="print-message"
            )

        @task
        @depends("A")
        @parameter(name="message", value="B")
        def B(self, message):
            return V1alpha1TemplateRef(
                name="workflow-template-print-message", template="print-message"
            )

        @task
        @depends("A")
        def C(self):
            return V1alpha1TemplateRef(
                name="workflow-template-inner-dag", template="inner-diamond"
            )

        @task
        @depends("B && C")
        @parameter(name="message", value="D")
        def D(self, message):
            return V1alpha1TemplateRef(
                name="workflow-template-print-message", template="print-message"
            )
