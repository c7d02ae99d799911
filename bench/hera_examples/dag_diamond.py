"""examples/dag_diamond.py in Hera (the benchmark's Hera input for the examples workload)."""
from hera.workflows import DAG, Container, Parameter, Workflow

with Workflow(generate_name="dag-diamond-", entrypoint="main") as w:
    echo = Container(
        name="echo",
        image="alpine:3.7",
        command=["echo", "{{inputs.parameters.message}}"],
        inputs=[Parameter(name="message")],
    )
    with DAG(name="main"):
        a = echo(name="A", arguments={"message": "A"})
        b = echo(name="B", arguments={"message": "B"})
        c = echo(name="C", arguments={"message": "C"})
        d = echo(name="D", arguments={"message": "D"})
        a >> [b, c] >> d
