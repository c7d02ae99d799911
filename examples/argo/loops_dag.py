# Argo example: loops-dag.yaml. with_items on a DAG task; `depends` orders
# the tasks.
from typing import ClassVar

from flowc.dsl import *


class LoopsDag(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "loops-dag"

    @dag
    def loops_dag(self):
        @task
        def A(self):
            return self.print_message(message="A")

        @task
        @depends("A")
        @with_items(["foo", "bar", "baz"])
        def B(self):
            return self.print_message(message="{{item}}")

        @task
        @depends("B")
        def C(self):
            return self.print_message(message="C")

    @template
    @inputs.parameter(name="message")
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{inputs.parameters.message}}"]
        )
