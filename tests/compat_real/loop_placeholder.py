# A loop whose task passes a placeholder by position while its @parameter
# gives the real value ({{item}}): the decorator's value is the argument, as
# in argo-python-dsl (flowc warns that the placeholder is ignored).
from argo.workflows.dsl import Workflow
from argo.workflows.dsl import task
from argo.workflows.dsl.tasks import V1alpha1Template, parameter, with_items
from argo.workflows.dsl.templates import V1Container, inputs, template


class LoopPlaceholder(Workflow):
    @task
    @with_items(["red", "green", "blue"])
    @parameter(name="colour", value="{{item}}")
    def paint(self, colour) -> V1alpha1Template:
        return self.show("")

    @template
    @inputs.parameter(name="colour")
    def show(self, colour: str) -> V1Container:
        return V1Container(
            image="busybox:1.36",
            name="show",
            command=["echo"],
            args=["{{inputs.parameters.colour}}"],
        )
