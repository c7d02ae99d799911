"""Corpus0000 in Hera: a synthetic workflow of 25 tasks (bench/gen.py)."""
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


with Workflow(generate_name="corpus0000-", entrypoint="main") as w:
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
        produce0(name="t01", dependencies=["t00"])
        echo0(name="t02", arguments={"message": "{{item}}"}, dependencies=["t01", "t00"], with_items=["item-2-0", "item-2-1", "item-2-2"])
        echo0(name="t03", arguments={"message": "message 3"}, dependencies=["t02"])
        echo0(name="t04", arguments={"message": "message 4"}, dependencies=["t02"])
        echo0(name="t05", arguments={"message": "message 5"}, dependencies=["t02"])
        compute0(name="t06", arguments={"n": "71"}, dependencies=["t03", "t02"])
        compute0(name="t07", arguments={"n": "12"}, dependencies=["t00", "t04"])
        produce0(name="t08", dependencies=["t00", "t04"])
        consume0(name="t09", arguments=[Artifact(name="data", from_="{{tasks.t01.outputs.artifacts.data}}")], dependencies=["t03", "t05", "t01"])
        echo0(name="t10", arguments={"message": "{{item}}"}, dependencies=["t03"], with_items=["item-10-0", "item-10-1", "item-10-2"])
        produce0(name="t11", dependencies=["t01", "t10"])
        consume0(name="t12", arguments=[Artifact(name="data", from_="{{tasks.t11.outputs.artifacts.data}}")], dependencies=["t01", "t04", "t11"])
        produce0(name="t13", dependencies=["t08", "t03"])
        echo0(name="t14", arguments={"message": "{{tasks.t06.outputs.result}}"}, dependencies=["t05", "t09", "t06"])
        consume0(name="t15", arguments=[Artifact(name="data", from_="{{tasks.t11.outputs.artifacts.data}}")], dependencies=["t09", "t11"])
        echo0(name="t16", arguments={"message": "message 16"}, dependencies=["t04"])
        consume0(name="t17", arguments=[Artifact(name="data", from_="{{tasks.t08.outputs.artifacts.data}}")], dependencies=["t16", "t08"])
        consume0(name="t18", arguments=[Artifact(name="data", from_="{{tasks.t13.outputs.artifacts.data}}")], dependencies=["t08", "t14", "t13"])
        echo0(name="t19", arguments={"message": "message 19"}, dependencies=["t15"])
        echo0(name="t20", arguments={"message": "message 20"}, dependencies=["t03", "t07"])
        echo0(name="t21", arguments={"message": "message 21"}, dependencies=["t04"])
        echo0(name="t22", arguments={"message": "message 22"}, dependencies=["t02"])
        compute0(name="t23", arguments={"n": "48"}, dependencies=["t15"])
        consume0(name="t24", arguments=[Artifact(name="data", from_="{{tasks.t01.outputs.artifacts.data}}")], dependencies=["t05", "t01"])
