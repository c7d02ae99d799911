# Argo example: template-defaults.yaml. A timeout and a retry strategy applied
# to every template through template_defaults.
from typing import ClassVar

from flowc.dsl import *


class TemplateDefaults(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "expected-failure"}
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "Template defaults will provide the fixability to configure the defaults values for all templates in workflow.\n"
        "Individual template can be overide default values.\n",
        "workflows.argoproj.io/version": ">= 3.1.0",
        "workflows.argoproj.io/no-test-reasons": "This tests requires interaction and we can't test it automatically.\n",
    }
    entrypoint = "main"
    template_defaults = V1alpha1Template(
        timeout="30s",  # applied to all templates
        retry_strategy=V1alpha1RetryStrategy(limit="2"),  # applied to all templates
    )

    @steps
    def main(self):
        @step
        def retry_backoff(self):
            return self.retry_backoff()

        @step
        def hello_world(self):
            return self.hello_world()

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])

    @template
    def retry_backoff(self) -> V1Container:
        return V1Container(
            image="python:alpine3.23",
            command=["python", "-c"],
            args=[
                "import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"
            ],
        )
