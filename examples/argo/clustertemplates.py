# Argo example: cluster-workflow-template/clustertemplates.yaml. Five
# ClusterWorkflowTemplates; the inner ones mix local templates and templates
# of the other ClusterWorkflowTemplates.
from flowc.dsl import *


class ClusterWorkflowTemplatePrintMessage(ClusterWorkflowTemplate):
    @template
    @inputs.parameter(name="message")
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{inputs.parameters.message}}"]
        )


class ClusterWorkflowTemplateRandomFailTemplate(ClusterWorkflowTemplate):
    @template(retry_strategy=V1alpha1RetryStrategy(limit=10))
    def random_fail_template(self) -> V1Container:
        # fail with a 66% probability
        return V1Container(
            image="python:alpine3.23",
            command=["python", "-c"],
            args=[
                "import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"
            ],
        )


class ClusterWorkflowTemplateInnerSteps(ClusterWorkflowTemplatePrintMessage):
    @steps
    def inner_steps(self):
        @step
        @parameter(name="message", value="inner-hello1")
        def inner_hello1(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )

        @step
        @parameter(name="message", value="inner-hello2a")
        def inner_hello2a(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )

        @step
        @parallel
        @parameter(name="message", value="inner-hello2b")
        def inner_hello2b(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )


class ClusterWorkflowTemplateInnerDag(ClusterWorkflowTemplatePrintMessage):
    @dag
    def inner_diamond(self):
        @task
        @parameter(name="message", value="inner-A")
        def inner_A(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )

        @task
        @depends("inner-A")
        def inner_B(self):
            return self.print_message(message="inner-B")

        @task
        @depends("inner-A")
        def inner_C(self):
            return self.print_message(message="inner-C")

        @task
        @depends("inner-B && inner-C")
        @parameter(name="message", value="inner-D")
        def inner_D(self, message):
            return V1alpha1TemplateRef(
                name="cluster-workflow-template-print-message",
                template="print-message",
                cluster_scope=True,
            )


class ClusterWorkflowTemplateSubmittable(ClusterWorkflowTemplatePrintMessage):
    entrypoint = "print-message"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="message", value="hello world")]
    )
