from flowc.dsl import Workflow, dependencies, task

from flows.shared import Shared


class Caller(Workflow):
    @task
    def build(self):
        return Shared.build_image(image="registry.example.com/app")

    @task
    @dependencies(["build"])
    def show(self):
        return Shared.echo(message="{{tasks.build.outputs.parameters.digets}}")
