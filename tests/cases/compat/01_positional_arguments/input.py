# Template arguments passed by position, as argo-python-dsl's own notebooks
# do: matched to the template method's parameters in order (self excluded).
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class Positional(Workflow):
    @task
    @parameter(name="message", value="forwarded")
    def a(self, message: V1alpha1Parameter) -> V1alpha1Template:
        return self.echo(message)  # the task's own @parameter: already an argument

    @task
    def b(self) -> V1alpha1Template:
        return self.echo("by position")

    @task
    def c(self) -> V1alpha1Template:
        return self.pair("first", second="by keyword")

    @template
    @inputs.parameter(name="message")
    def echo(self, message: V1alpha1Parameter) -> V1Container:
        return V1Container(image="alpine:3.7", command=["echo", "{{inputs.parameters.message}}"])

    @template
    @inputs.parameter(name="first")
    @inputs.parameter(name="second")
    def pair(self, first, second) -> V1Container:
        return V1Container(image="alpine:3.7", command=["echo", "{{inputs.parameters.first}}"])
