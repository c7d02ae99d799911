# Argo example: cluster-workflow-template/mixed-cluster-namespaced-wftmpl-steps.yaml.
# Steps running templates of a WorkflowTemplate and of a ClusterWorkflowTemplate.
from flowc.dsl import *


class WorkflowTemplateSteps(Workflow):
    entrypoint = "hello-hello-hello"

    @steps
    def hello_hello_hello(self):
        @step
        @parameter(name="message", value="hello1")
        def hello1(self, message):
            return V1alpha1TemplateRef(
                name="workflow-template-print-message", template="print-message"
            )

        @step
        @parameter(name="message", value="hello2a")
        def hello2a(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-inner-steps",
                template="inner-steps",
                cluster_scope=True,
            )

        @step
        @parallel
        @parameter(name="message", value="hello2b")
        def hello2b(self, message):
            return V1alpha1TemplateRef(
                name="workflow-template-print-message", template="print-message"
            )
