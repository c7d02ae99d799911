# Argo example: loops-param-result.yaml. with_param fans out over the JSON
# list a script prints (its output result).
from typing import ClassVar

from flowc.dsl import *


class LoopsParamResult(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "duration"}
    entrypoint = "loop-param-result-example"

    @steps
    def loop_param_result_example(self):
        @step
        def generate(self):
            return self.gen_number_list()

        @step
        @with_param("{{steps.generate.outputs.result}}")
        def sleep(self):
            return self.sleep_n_sec(seconds="{{item}}")

    @template
    def gen_number_list(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23",
            command=["python"],
            source="import json\nimport sys\njson.dump([i for i in range(20, 31)], sys.stdout)\n",
        )

    @template
    @inputs.parameter(name="seconds")
    def sleep_n_sec(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=[
                "echo sleeping for {{inputs.parameters.seconds}} seconds; sleep {{inputs.parameters.seconds}}; echo done"
            ],
        )
