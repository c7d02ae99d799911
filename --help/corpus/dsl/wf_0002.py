"""Corpus0002: a synthetic workflow of 30 tasks (bench/gen.py)."""
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *

ALPINE = "alpine:3.18"
PYTHON = "python:3.11-alpine"


class Corpus0002(Workflow):
    @task
    @parameter(name="message", value="message 0")
    def t00(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 1")
    @dependencies(["t00"])
    def t01(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 2")
    @dependencies(["t00"])
    def t02(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="{{item}}")
    @dependencies(["t02", "t01"])
    @with_items(["item-3-0", "item-3-1", "item-3-2"])
    def t03(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="60")
    @dependencies(["t00"])
    def t04(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @parameter(name="message", value="{{item}}")
    @dependencies(["t03", "t01"])
    @with_items(["item-5-0", "item-5-1", "item-5-2"])
    def t05(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="{{tasks.t04.outputs.result}}")
    @dependencies(["t01", "t04"])
    def t06(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="{{item}}")
    @dependencies(["t03"])
    @with_items(["item-7-0", "item-7-1", "item-7-2"])
    def t07(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @dependencies(["t05", "t02"])
    def t08(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="{{tasks.t04.outputs.result}}")
    @dependencies(["t07", "t03", "t04"])
    def t09(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="73")
    @dependencies(["t07", "t09"])
    def t10(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @dependencies(["t07", "t03"])
    def t11(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @dependencies(["t09"])
    def t12(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @dependencies(["t04", "t12"])
    def t13(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="message 14")
    @dependencies(["t07"])
    def t14(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="n", value="93")
    @dependencies(["t12"])
    def t15(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @parameter(name="message", value="message 16")
    @dependencies(["t03"])
    def t16(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 17")
    @dependencies(["t03"])
    def t17(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 18")
    @dependencies(["t01"])
    def t18(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @dependencies(["t11"])
    def t19(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="message 20")
    @dependencies(["t02"])
    def t20(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="{{tasks.t04.outputs.result}}")
    @dependencies(["t12", "t04"])
    def t21(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @dependencies(["t14"])
    def t22(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @dependencies(["t07"])
    def t23(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @parameter(name="message", value="message 24")
    @dependencies(["t13"])
    def t24(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @parameter(name="message", value="message 25")
    @dependencies(["t13"])
    def t25(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo0(message=message)

    @task
    @dependencies(["t13", "t08"])
    def t26(self) -> V1alpha1Template:
        return self.produce0()

    @task
    @artifact(name="data", _from="{{tasks.t12.outputs.artifacts.data}}")
    @dependencies(["t21", "t12"])
    def t27(self, data: V1alpha1Artifact) -> V1alpha1Template:
        return self.consume0(data=data)

    @task
    @parameter(name="n", value="34")
    @dependencies(["t12", "t18"])
    def t28(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

    @task
    @parameter(name="n", value="86")
    @dependencies(["t09", "t26"])
    def t29(self, n: V1alpha1Parameter) -> V1alpha1Template:
        return self.compute0(n=n)

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
