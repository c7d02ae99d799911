# Argo example: loops-sequence.yaml. with_sequence by count, by start and end,
# from a workflow parameter, descending and formatted.
from typing import ClassVar

from flowc.dsl import *


class LoopsSequence(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "loops-sequence"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="count", value="3")]
    )

    @steps
    def loops_sequence(self):
        @step
        @with_sequence(count="5")
        def sequence_count(self):
            return self.echo(msg="{{item}}")

        @step
        @parallel
        @with_sequence(start="100", end="105")
        def sequence_start_end(self):
            return self.echo(msg="{{item}}")

        @step
        @parallel
        @with_sequence(start="200", count="{{workflow.parameters.count}}")
        def sequence_param(self):
            return self.echo(msg="{{item}}")

        @step
        @parallel
        @with_sequence(start="5", end="0")
        def sequence_negative(self):
            return self.echo(msg="{{item}}")

        @step
        @parallel
        @with_sequence(count="5", format="testuser%02X")
        def sequence_format(self):
            return self.echo(msg="{{item}}")

    @template
    @inputs.parameter(name="msg")
    def echo(self) -> V1Container:
        return V1Container(
            image="alpine:3.23", command=["echo", "{{inputs.parameters.msg}}"]
        )
