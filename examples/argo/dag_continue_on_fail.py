# Argo example: dag-continue-on-fail.yaml. Tasks that run after a failure,
# by depending on B.Failed.
from typing import ClassVar

from flowc.dsl import *


class DagContinueOnFail(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "expected-failure"}
    generate_name = "dag-contiue-on-fail-"
    entrypoint = "workflow"

    @dag
    def workflow(self):
        @task
        def A(self):
            return self.hello_world()

        @task
        @depends("A")
        def B(self):
            return self.intentional_fail()

        @task
        @depends("A")
        def C(self):
            return self.hello_world()

        @task
        @depends("B.Failed && C")
        def D(self):
            return self.hello_world()

        @task
        @depends("A")
        def E(self):
            return self.intentional_fail()

        @task
        @depends("A")
        def F(self):
            return self.hello_world()

        @task
        @depends("E && F")
        def G(self):
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
