"""examples/artifacts.py in Hera (the benchmark's Hera input for the examples workload)."""
from hera.workflows import DAG, Artifact, Container, Workflow

with Workflow(generate_name="artifact-passing-", entrypoint="main") as w:
    whalesay = Container(
        name="whalesay",
        image="docker/whalesay:latest",
        command=["sh", "-c"],
        args=["cowsay hello world | tee /tmp/hello_world.txt"],
        outputs=[Artifact(name="hello-art", path="/tmp/hello_world.txt")],
    )
    print_message = Container(
        name="print-message",
        image="alpine:latest",
        command=["sh", "-c"],
        args=["cat", "/tmp/message"],
        inputs=[Artifact(name="message", path="/tmp/message")],
    )
    with DAG(name="main"):
        gen = whalesay(name="generate-artifact")
        consume = print_message(
            name="consume-artifact",
            arguments=[Artifact(name="message", from_="{{tasks.generate-artifact.outputs.artifacts.hello-art}}")],
        )
        gen >> consume
