"""Corpus0001: a synthetic workflow of 14 tasks (bench/gen.py)."""
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *

ALPINE = "alpine:3.18"
PYTHON = "python:3.11-alpine"


class Corpus0001(Workflow):
    @task
    @parameter(name="message", value="message 0")
    def t00(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="64")
    @dependencies(["t00"])
    def t01(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @dependencies(["t01", "t00"])
    def t02(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="n", value="35")
    @dependencies(["t01", "t00"])
    def t03(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @dependencies(["t00"])
    def t04(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="message 5")
    @dependencies(["t04"])
    def t05(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 6")
    @dependencies(["t03"])
    def t06(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @dependencies(["t04", "t01"])
    def t07(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="message 8")
    @dependencies(["t07"])
    def t08(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="{{tasks.t03.outputs.result}}")
    @dependencies(["t02", "t03"])
    def t09(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @artifact(name="data", _from="{{tasks.t04.outputs.artifacts.data}}")
    @dependencies(["t08", "t03", "t04"])
    def t10(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @task
    @parameter(name="n", value="62")
    @dependencies(["t08", "t06"])
    def t11(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @parameter(name="message", value="message 12")
    @dependencies(["t06", "t10"])
    def t12(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @artifact(name="data", _from="{{tasks.t07.outputs.artifacts.data}}")
    @dependencies(["t01", "t07"])
    def t13(self, data: V1alpha1Artifact) -> V1alpha1Template:
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
