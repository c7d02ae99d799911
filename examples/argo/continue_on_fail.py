# Argo example: continue-on-fail.yaml. A failing step marked
# @continue_on(failed=True) does not stop the steps after it.
from typing import ClassVar

from flowc.dsl import *


class ContinueOnFail(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "expected-failure"}
    entrypoint = "workflow-ignore"
    parallelism = 1

    @steps
    def workflow_ignore(self):
        @step
        def A(self):
            return self.hello_world()

        @step
        def B(self):
            return self.hello_world()

        @step
        @parallel
        @continue_on(failed=True)
        def C(self):
            return self.intentional_fail()

        @step
        def D(self):
            return self.hello_world()

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])

    @template
    def intentional_fail(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["sh", "-c"],
            args=["echo intentional failure; exit 1"],
        )
