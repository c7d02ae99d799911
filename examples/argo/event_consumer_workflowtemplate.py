# Argo example: workflow-event-binding/event-consumer-workflowtemplate.yaml.
# The WorkflowTemplate an event binding submits; `appellation` comes with the
# event, so the template declares only `salutation`.
from flowc.dsl import *


class EventConsumer(WorkflowTemplate):
    entrypoint = "main"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="salutation", value="hello")]
    )

    @steps
    def main(self):
        @step
        def a(self):
            return self.argosay(
                salutation="{{workflow.parameters.salutation}}",
                appellation="{{workflow.parameters.appellation}}",
            )

    @template
    @inputs.parameter(name="salutation")
    @inputs.parameter(name="appellation")
    def argosay(self, salutation, appellation) -> V1Container:
        return V1Container(
            image="argoproj/argosay:v2",
            args=[
                "echo",
                "{{inputs.parameters.salutation}} {{inputs.parameters.appellation}}",
            ],
        )
