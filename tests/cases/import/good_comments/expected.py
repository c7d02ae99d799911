# A workflow with comments and a script.
from flowc.dsl import (
    V1alpha1Arguments,
    V1alpha1Parameter,
    V1alpha1RetryStrategy,
    V1alpha1ScriptTemplate,
    Workflow,
    template,
)


class HelloWorld(Workflow):
    # each run gets a new name
    entrypoint = "main"
    arguments = V1alpha1Arguments(
        parameters=[
            V1alpha1Parameter(
                name="count",
                value="3",  # quoted: a string
            ),
        ],
    )

    # the only template
    @template(retry_strategy=V1alpha1RetryStrategy(limit=2))
    def main(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:3.12",
            command=["python"],
            source="""\
for i in range({{workflow.parameters.count}}):
    print("hello", i)
""",
        )
