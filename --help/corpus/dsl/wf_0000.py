"""Corpus0000: a synthetic workflow of 25 tasks (bench/gen.py)."""
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *

ALPINE = "alpine:3.18"
PYTHON = "python:3.11-alpine"


class Corpus0000(Workflow):
    @task
    @parameter(name="message", value="message 0")
    def t00(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @dependencies(["t00"])
    def t01(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="{{item}}")
    @dependencies(["t01", "t00"])
    @with_items(["item-2-0", "item-2-1", "item-2-2"])
    def t02(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 3")
    @dependencies(["t02"])
    def t03(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 4")
    @dependencies(["t02"])
    def t04(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 5")
    @dependencies(["t02"])
    def t05(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="71")
    @dependencies(["t03", "t02"])
    def t06(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @parameter(name="n", value="12")
    @dependencies(["t00", "t04"])
    def t07(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @dependencies(["t00", "t04"])
    def t08(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @artifact(name="data", _from="{{tasks.t01.outputs.artifacts.data}}")
    @dependencies(["t03", "t05", "t01"])
    def t09(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @task
    @parameter(name="message", value="{{item}}")
    @dependencies(["t03"])
    @with_items(["item-10-0", "item-10-1", "item-10-2"])
    def t10(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @dependencies(["t01", "t10"])
    def t11(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @artifact(name="data", _from="{{tasks.t11.outputs.artifacts.data}}")
    @dependencies(["t01", "t04", "t11"])
    def t12(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @task
    @dependencies(["t08", "t03"])
    def t13(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="{{tasks.t06.outputs.result}}")
    @dependencies(["t05", "t09", "t06"])
    def t14(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @artifact(name="data", _from="{{tasks.t11.outputs.artifacts.data}}")
    @dependencies(["t09", "t11"])
    def t15(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @task
    @parameter(name="message", value="message 16")
    @dependencies(["t04"])
    def t16(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @artifact(name="data", _from="{{tasks.t08.outputs.artifacts.data}}")
    @dependencies(["t16", "t08"])
    def t17(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @task
    @artifact(name="data", _from="{{tasks.t13.outputs.artifacts.data}}")
    @dependencies(["t08", "t14", "t13"])
    def t18(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @task
    @parameter(name="message", value="message 19")
    @dependencies(["t15"])
    def t19(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 20")
    @dependencies(["t03", "t07"])
    def t20(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 21")
    @dependencies(["t04"])
    def t21(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 22")
    @dependencies(["t02"])
    def t22(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="48")
    @dependencies(["t15"])
    def t23(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @artifact(name="data", _from="{{tasks.t01.outputs.artifacts.data}}")
    @dependencies(["t05", "t01"])
    def t24(self, data: V1alpha1Artifact) -> V1alpha1Template:
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
