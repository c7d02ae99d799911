# A DAG calling both shared classes: typed references, checked against their templates.
from flowc.dsl import V1alpha1TemplateRef, Workflow, dependencies, task

from flows.shared import Shared
from flows.tools import Tools


class Release(Workflow):
    @task
    def build(self):
        return Shared.build_image(image="registry.example.com/app")

    @task
    @dependencies(["build"])
    def announce(self):
        return Tools.notify(text="built {{tasks.build.outputs.parameters.digest}}")

    @task
    @dependencies(["announce"])
    def page(self):
        # The string form still works; team-notify is declared external in pyproject.toml.
        return V1alpha1TemplateRef(name="team-notify", template="page")
