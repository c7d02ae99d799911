# Argo example: cluster-workflow-template/cluster-wftmpl-dag.yaml. DAG tasks
# running templates of ClusterWorkflowTemplates (cluster_scope=True).
from flowc.dsl import *


class WorkflowTemplateDagDiamond(Workflow):
    entrypoint = "diamond"

    @dag
    def diamond(self):
        @task
        @parameter(name="message", value="A")
        def A(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )

        @task
        @depends("A")
        @parameter(name="message", value="B")
        def B(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )

        @task
        @depends("A")
        def C(self):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-inner-dag",
                template="inner-diamond",
                cluster_scope=True,
            )

        @task
        @depends("B && C")
        @parameter(name="message", value="D")
        def D(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )
