"""Corpus0002 in Hera: a synthetic workflow of 30 tasks (bench/gen.py)."""
from hera.workflows import DAG, Artifact, Container, Parameter, Workflow, script

ALPINE = "alpine:3.18"
PYTHON = "python:3.11-alpine"


@script(name="compute0", image=PYTHON)
def compute0(n):
    import logging
    import json
    import random
    logging.basicConfig(level=getattr(logging, "INFO", logging.INFO))
    values = [random.randint(1, 100) for _ in range(int(n))]
    print(json.dumps(sum(values) % 100))


with Workflow(generate_name="corpus0002-", entrypoint="main") as w:
    echo0 = Container(
        name="echo0",
        image=ALPINE,
        command=["sh", "-c"],
        args=["echo step 0: {{inputs.parameters.message}}"],
        inputs=[Parameter(name="message")],
    )
    produce0 = Container(
        name="produce0",
        image=ALPINE,
        command=["sh", "-c"],
        args=["echo produced by 0 > /tmp/data.txt"],
        outputs=[Artifact(name="data", path="/tmp/data.txt")],
    )
    consume0 = Container(
        name="consume0",
        image=ALPINE,
        command=["cat", "/tmp/data"],
        inputs=[Artifact(name="data", path="/tmp/data")],
    )
    with DAG(name="main"):
        echo0(name="t00", arguments={"message": "message 0"})
        echo0(name="t01", arguments={"message": "message 1"}, dependencies=["t00"])
        echo0(name="t02", arguments={"message": "message 2"}, dependencies=["t00"])
        echo0(name="t03", arguments={"message": "{{item}}"}, dependencies=["t02", "t01"], with_items=["item-3-0", "item-3-1", "item-3-2"])
        compute0(name="t04", arguments={"n": "60"}, dependencies=["t00"])
        echo0(name="t05", arguments={"message": "{{item}}"}, dependencies=["t03", "t01"], with_items=["item-5-0", "item-5-1", "item-5-2"])
        echo0(name="t06", arguments={"message": "{{tasks.t04.outputs.result}}"}, dependencies=["t01", "t04"])
        echo0(name="t07", arguments={"message": "{{item}}"}, dependencies=["t03"], with_items=["item-7-0", "item-7-1", "item-7-2"])
        produce0(name="t08", dependencies=["t05", "t02"])
        echo0(name="t09", arguments={"message": "{{tasks.t04.outputs.result}}"}, dependencies=["t07", "t03", "t04"])
        compute0(name="t10", arguments={"n": "73"}, dependencies=["t07", "t09"])
        produce0(name="t11", dependencies=["t07", "t03"])
        produce0(name="t12", dependencies=["t09"])
        produce0(name="t13", dependencies=["t04", "t12"])
        echo0(name="t14", arguments={"message": "message 14"}, dependencies=["t07"])
        compute0(name="t15", arguments={"n": "93"}, dependencies=["t12"])
        echo0(name="t16", arguments={"message": "message 16"}, dependencies=["t03"])
        echo0(name="t17", arguments={"message": "message 17"}, dependencies=["t03"])
        echo0(name="t18", arguments={"message": "message 18"}, dependencies=["t01"])
        produce0(name="t19", dependencies=["t11"])
        echo0(name="t20", arguments={"message": "message 20"}, dependencies=["t02"])
        echo0(name="t21", arguments={"message": "{{tasks.t04.outputs.result}}"}, dependencies=["t12", "t04"])
        produce0(name="t22", dependencies=["t14"])
        produce0(name="t23", dependencies=["t07"])
        echo0(name="t24", arguments={"message": "message 24"}, dependencies=["t13"])
        echo0(name="t25", arguments={"message": "message 25"}, dependencies=["t13"])
        produce0(name="t26", dependencies=["t13", "t08"])
        consume0(name="t27", arguments=[Artifact(name="data", from_="{{tasks.t12.outputs.artifacts.data}}")], dependencies=["t21", "t12"])
        compute0(name="t28", arguments={"n": "34"}, dependencies=["t12", "t18"])
        compute0(name="t29", arguments={"n": "86"}, dependencies=["t09", "t26"])
