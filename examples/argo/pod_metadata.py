# Argo example: pod-metadata.yaml. Labels and annotations on a template's pod.
from flowc.dsl import *


class PodMetadata(Workflow):
    generate_name = "steps-"
    entrypoint = "hello-hello-hello"

    @steps
    def hello_hello_hello(self):
        @step
        def hello1(self):
            return self.print_message(message="hello1")

    @template(
        metadata=V1alpha1Metadata(
            annotations={"iam.amazonaws.com/role": "role-arn"},
            labels={"app": "print-message", "tier": "demo"},
        )
    )
    @inputs.parameter(name="message")
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{inputs.parameters.message}}"]
        )
