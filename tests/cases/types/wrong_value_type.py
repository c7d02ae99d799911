# Values of the wrong type: a number for a str, a str for a list, a list
# for a parameter's value, a number for the entrypoint setting.
from argo.workflows.dsl import Workflow, template, task, parameter
from argo.workflows.dsl.templates import V1Container, V1alpha1Template


class WrongTypes(Workflow):
    entrypoint = 3

    @template
    def echo(self) -> V1Container:
        return V1Container(image=3, command="echo hi")

    @task
    @parameter(name="message", value=["a", "b"])
    def main(self) -> V1alpha1Template:
        return self.echo()
