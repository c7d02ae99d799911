"""BenchDag10 in Hera: a synthetic workflow of 10 tasks (bench/gen.py)."""
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


with Workflow(generate_name="bench-dag10-", entrypoint="main") as w:
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
        echo0(name="t0", arguments={"message": "message 0"})
        compute0(name="t1", arguments={"n": "22"}, dependencies=["t0"])
        echo0(name="t2", arguments={"message": "message 2"}, dependencies=["t0"])
        compute0(name="t3", arguments={"n": "78"}, dependencies=["t1"])
        produce0(name="t4", dependencies=["t0", "t3"])
        produce0(name="t5", dependencies=["t1"])
        echo0(name="t6", arguments={"message": "{{item}}"}, dependencies=["t1"], with_items=["item-6-0", "item-6-1", "item-6-2"])
        echo0(name="t7", arguments={"message": "{{tasks.t1.outputs.result}}"}, dependencies=["t6", "t1"])
        compute0(name="t8", arguments={"n": "30"}, dependencies=["t4"])
        consume0(name="t9", arguments=[Artifact(name="data", from_="{{tasks.t5.outputs.artifacts.data}}")], dependencies=["t4", "t5"])
