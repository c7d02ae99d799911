# The base class: its task has errors that the DAG and reference passes find
# when a class in input.py inherits it.
from flowc.dsl import *


class Base(Workflow):
    @task
    @dependencies(["nope"])
    def fetch(self):
        return self.download(x="{{tasks.zzz.outputs.result}}")

    @template
    def download(self) -> V1Container:
        return V1Container(image="alpine", command=["wget"])
