# Argo example: status-reference.yaml. Steps chosen by `when` on an earlier
# step's status.
from flowc.dsl import *


class StatusReference(Workflow):
    entrypoint = "status-reference"

    @steps
    def status_reference(self):
        @step
        @continue_on(failed=True)
        def flakey_container(self):
            return self.flakey_container()

        @step
        @when("{{steps.flakey-container.status}} == Failed")
        def failed(self):
            return self.failed()

        @step
        @parallel
        @when("{{steps.flakey-container.status}} == Succeeded")
        def succeeded(self):
            return self.succeeded()

    @template
    def flakey_container(self) -> V1Container:
        return V1Container(image="alpine:3.23", command=["sh", "-c"], args=["exit 1"])

    @template
    def failed(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=['echo "the flakey container failed"'],
        )

    @template
    def succeeded(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=['echo "the flakey container passed"'],
        )
