# Argo example: loops-maps.yaml. with_items over dicts; each item's fields
# become the step's arguments.
from typing import ClassVar

from flowc.dsl import *


class LoopsMaps(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    annotations: ClassVar = {
        "workflows.argoproj.io/no-test-resons": "the code that checks images allowed to run in test runs before the actual\n"
        "image value is applied. In this case it checks for the template variable\n"
        "and it is not an allowed image\n",
    }
    entrypoint = "loop-map-example"

    @steps
    def loop_map_example(self):
        @step
        @with_items(
            [
                {"image": "debian", "tag": "9.1"},
                {"image": "debian", "tag": "8.9"},
                {"image": "alpine", "tag": "3.6"},
                {"image": "ubuntu", "tag": "17.10"},
            ]
        )
        def test_linux(self):
            return self.cat_os_release(image="{{item.image}}", tag="{{item.tag}}")

    @template
    @inputs.parameter(name="image")
    @inputs.parameter(name="tag")
    def cat_os_release(self) -> V1Container:
        return V1Container(
            image="{{inputs.parameters.image}}:{{inputs.parameters.tag}}",
            command=["cat"],
            args=["/etc/os-release"],
        )
