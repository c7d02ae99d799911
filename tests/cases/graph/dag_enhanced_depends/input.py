# Argo example: dag-enhanced-depends.yaml. Enhanced `depends` expressions
# with task results (.Succeeded, .Failed), && and ||.
from flowc.dsl import *


class DagEnhancedDepends(Workflow):
    generate_name = "dag-diamond-"
    entrypoint = "diamond"

    @dag
    def diamond(self):
        @task
        def A(self):
            return self.pass_()

        @task
        @depends("A")
        def B(self):
            return self.pass_()

        @task
        @depends("A")
        def C(self):
            return self.fail()

        @task
        @depends("A && (C.Succeeded || C.Failed)")
        def should_execute_1(self):
            return self.pass_()

        @task
        @depends("B || C")
        def should_execute_2(self):
            return self.pass_()

        @task
        @depends("B && C")
        def should_not_execute(self):
            return self.pass_()

        @task
        @depends("should-execute-2.Succeeded || should-not-execute")
        def should_execute_3(self):
            return self.pass_()

    @template(name="pass")
    def pass_(self) -> V1Container:
        return V1Container(image="busybox", command=["sh", "-c", "exit 0"])

    @template
    def fail(self) -> V1Container:
        return V1Container(image="busybox", command=["sh", "-c", "exit 1"])
