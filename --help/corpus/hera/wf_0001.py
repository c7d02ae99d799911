"""Corpus0001 in Hera: a synthetic workflow of 14 tasks (bench/gen.py)."""
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


with Workflow(generate_name="corpus0001-", entrypoint="main") as w:
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
        compute0(name="t01", arguments={"n": "64"}, dependencies=["t00"])
        produce0(name="t02", dependencies=["t01", "t00"])
        compute0(name="t03", arguments={"n": "35"}, dependencies=["t01", "t00"])
        produce0(name="t04", dependencies=["t00"])
        echo0(name="t05", arguments={"message": "message 5"}, dependencies=["t04"])
        echo0(name="t06", arguments={"message": "message 6"}, dependencies=["t03"])
        produce0(name="t07", dependencies=["t04", "t01"])
        echo0(name="t08", arguments={"message": "message 8"}, dependencies=["t07"])
        echo0(name="t09", arguments={"message": "{{tasks.t03.outputs.result}}"}, dependencies=["t02", "t03"])
        consume0(name="t10", arguments=[Artifact(name="data", from_="{{tasks.t04.outputs.artifacts.data}}")], dependencies=["t08", "t03", "t04"])
        compute0(name="t11", arguments={"n": "62"}, dependencies=["t08", "t06"])
        echo0(name="t12", arguments={"message": "message 12"}, dependencies=["t06", "t10"])
        consume0(name="t13", arguments=[Artifact(name="data", from_="{{tasks.t07.outputs.artifacts.data}}")], dependencies=["t01", "t07"])
