from flowc.dsl import *


class Binding(WorkflowEventBinding):
    submit = V1alpha1Submit(workflow_template_ref=V1alpha1WorkflowTemplateRef(name="consumer"))
