from flowc.dsl import *


class Binding(WorkflowEventBinding):
    event = V1alpha1Event(selector="true")

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine:3.7")
