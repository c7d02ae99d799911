# Argo example: exit-handlers.yaml. on_exit names a steps template that runs
# after the workflow, with `when` on {{workflow.status}}.
from typing import ClassVar

from flowc.dsl import *


class ExitHandlers(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "expected-failure"}
    entrypoint = "intentional-fail"
    on_exit = "exit-handler"

    @template
    def intentional_fail(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["echo intentional failure; exit 1"],
        )

    @steps
    def exit_handler(self):
        @step
        def notify(self):
            return self.send_email()

        @step
        @parallel
        @when("{{workflow.status}} == Succeeded")
        def celebrate(self):
            return self.celebrate()

        @step
        @parallel
        @when("{{workflow.status}} != Succeeded")
        def cry(self):
            return self.cry()

    @template
    def send_email(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=[
                "echo send e-mail: {{workflow.name}} {{workflow.status}} {{workflow.duration}}. Failed steps {{workflow.failures}}"
            ],
        )

    @template
    def celebrate(self) -> V1Container:
        return V1Container(
            image="alpine:3.23", command=["sh", "-c"], args=["echo hooray!"]
        )

    @template
    def cry(self) -> V1Container:
        return V1Container(
            image="alpine:3.23", command=["sh", "-c"], args=["echo boohoo!"]
        )
