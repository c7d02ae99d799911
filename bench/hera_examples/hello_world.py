"""examples/hello_world.py in Hera (the benchmark's Hera input for the examples workload)."""
from hera.workflows import Container, Workflow

with Workflow(generate_name="hello-world-", entrypoint="whalesay") as w:
    Container(
        name="whalesay",
        image="docker/whalesay:latest",
        command=["cowsay"],
        args=["hello world"],
    )
