# A WorkflowEventBinding: submit the WorkflowTemplate when an event matches.
from flowc.dsl import (
    V1alpha1Arguments,
    V1alpha1Event,
    V1alpha1Parameter,
    V1alpha1Submit,
    V1alpha1ValueFrom,
    V1alpha1WorkflowTemplateRef,
    WorkflowEventBinding,
)


class EventConsumer(WorkflowEventBinding):
    event = V1alpha1Event(
        # the expression an event must match
        selector='payload.message != "" && discriminator == "my-discriminator"',
    )
    submit = V1alpha1Submit(
        workflow_template_ref=V1alpha1WorkflowTemplateRef(name="my-wf-tmple"),
        arguments=V1alpha1Arguments(
            parameters=[
                V1alpha1Parameter(
                    name="message",
                    value_from=V1alpha1ValueFrom(event="payload.message"),
                ),
            ],
        ),
    )
