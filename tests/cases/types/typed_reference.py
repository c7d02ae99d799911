# Issue 23: a typed reference to a WorkflowTemplate's template, `Shared.echo(...)`,
# takes the method's parameters after self: a misspelled template or keyword is
# a type error. (The class would be in another module; type checkers treat it the same.)
from flowc.dsl import V1alpha1Template, V1Container, Workflow, WorkflowTemplate, inputs, task, template


class Shared(WorkflowTemplate):
    @template
    @inputs.parameter(name="message")
    def echo(self, message: str) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])


class Caller(Workflow):
    @task
    def good(self) -> V1alpha1Template:
        return Shared.echo(message="hi")

    @task
    def misspelled_template(self) -> V1alpha1Template:
        return Shared.ecoh(message="hi")

    @task
    def wrong_keyword(self) -> V1alpha1Template:
        return Shared.echo(mesage="hi")
