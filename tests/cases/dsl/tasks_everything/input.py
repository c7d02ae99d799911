# tasks: task, parameter, artifact, dependencies, when, with_items, with_param,
# with_sequence, continue_on
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import (
    artifact, continue_on, dependencies, parameter, task, when, with_items, with_param, with_sequence,
)
from argo.workflows.dsl.templates import V1alpha1ScriptTemplate, V1Container, inputs, outputs, template


class TasksEverything(Workflow):
    @task
    def flip(self):
        return self.coin()

    @task
    @dependencies(["flip"])
    @when("{{tasks.flip.outputs.result}} == heads")
    @continue_on(failed=True)
    def heads(self):
        return self.echo(message="it was heads")

    @task
    @dependencies(["flip"])
    @with_items(["a", 1, {"k": "v"}])
    def each(self):
        return self.echo(message="{{item}}")

    @task
    @dependencies(["flip"])
    @with_param("{{tasks.flip.outputs.parameters.list}}")
    def fan(self):
        return self.echo(message="{{item}}")

    @task
    @with_sequence(count="3", format="n%02d")
    def counted(self):
        return self.echo(message="{{item}}")

    @task
    @parameter(name="message", value="{{tasks.flip.outputs.result}}")
    @artifact(name="data", _from="{{tasks.flip.outputs.artifacts.coin}}")
    @dependencies(["flip"])
    def consume(self, message, data):
        return self.show(message=message, data=data)

    @template
    @outputs.parameter(name="list", value_from={"path": "/tmp/list.json"})
    @outputs.artifact(name="coin", path="/tmp/coin")
    def coin(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="python:3.11-alpine",
            command=["python"],
            source="import random\nprint(random.choice(['heads', 'tails']))\n",
        )

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])

    @template
    @inputs.parameter(name="message")
    @inputs.artifact(name="data", path="/tmp/data")
    def show(self, message, data) -> V1Container:
        return V1Container(image="alpine:3.19", command=["cat", "/tmp/data"])
