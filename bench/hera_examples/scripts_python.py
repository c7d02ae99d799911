"""examples/scripts_python.py in Hera (the benchmark's Hera input for the examples
workload). Hera has no scopes: the scope's helper is written into the script."""
from hera.workflows import DAG, Container, Parameter, Workflow, script


@script(name="gen-random-int", image="python:alpine3.6")
def gen_random_int():
    import logging
    import random
    logging.getLogger("__main__").setLevel(getattr(logging, "DEBUG", "INFO"))
    i = random.randint(1, 100)
    print(i)


with Workflow(generate_name="scripts-python-", entrypoint="main") as w:
    print_message = Container(
        name="print-message",
        image="alpine:latest",
        command=["sh", "-c"],
        args=["echo result was: {{inputs.parameters.message}}"],
        inputs=[Parameter(name="message")],
    )
    with DAG(name="main"):
        g = gen_random_int(name="generate")
        p = print_message(name="print", arguments={"message": "{{tasks.generate.outputs.result}}"})
        g >> p
