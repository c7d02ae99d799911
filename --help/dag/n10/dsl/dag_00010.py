"""BenchDag10: a synthetic workflow of 10 tasks (bench/gen.py)."""
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *

ALPINE = "alpine:3.18"
PYTHON = "python:3.11-alpine"


class BenchDag10(Workflow):
    @task
    @parameter(name="message", value="message 0")
    def t0(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="22")
    @dependencies(["t0"])
    def t1(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @parameter(name="message", value="message 2")
    @dependencies(["t0"])
    def t2(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="78")
    @dependencies(["t1"])
    def t3(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @dependencies(["t0", "t3"])
    def t4(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @dependencies(["t1"])
    def t5(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="{{item}}")
    @dependencies(["t1"])
    @with_items(["item-6-0", "item-6-1", "item-6-2"])
    def t6(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="{{tasks.t1.outputs.result}}")
    @dependencies(["t6", "t1"])
    def t7(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="30")
    @dependencies(["t4"])
    def t8(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @artifact(name="data", _from="{{tasks.t5.outputs.artifacts.data}}")
    @dependencies(["t4", "t5"])
    def t9(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @template
    @inputs.parameter(name="message")
    def echo0(self, message: V1alpha1Parameter) -> V1Container:
        container = V1Container(
            name="echo0",
            image=ALPINE,
            command=["sh", "-c"],
            args=["echo step 0: {{inputs.parameters.message}}"],
        )
        return container

    @closure(scope="main", image=PYTHON)
    @inputs.parameter(name="n")
    def compute0(main, n) -> V1alpha1ScriptTemplate:
        import json
        import random
        main.init_logging()
        values = [random.randint(1, 100) for _ in range(int(n))]
        print(json.dumps(sum(values) % 100))

    @template
    @outputs.artifact(name="data", path="/tmp/data.txt")
    def produce0(self) -> V1Container:
        return V1Container(
            name="produce0",
            image=ALPINE,
            command=["sh", "-c"],
            args=["echo produced by 0 > /tmp/data.txt"],
        )

    @template
    @inputs.artifact(name="data", path="/tmp/data")
    def consume0(self, data: V1alpha1Artifact) -> V1Container:
        return V1Container(
            name="consume0",
            image=ALPINE,
            command=["cat", "/tmp/data"],
        )

    @scope(name="main")
    def init_logging(level="INFO"):
        import logging
        logging.basicConfig(level=getattr(logging, level, logging.INFO))

    @scope(name="main")
    def checksum(text):
        import hashlib
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
