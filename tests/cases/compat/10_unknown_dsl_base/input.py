from argo.workflows.dsl import WorkflowEventBindin
from argo.workflows.dsl.templates import *


class Binding(WorkflowEventBindin):
    event = V1alpha1Event(selector="true")
