from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def first(self):
        return self.echo(message="one")

    @task
    @parameter(name="message", value="{{tasks.first.outputs.result}}")
    @dependencies(["first"])
    def second(self, message):
        return self.echo(message=message)

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{inputs.parameters.message}}", "{{workflow.name}}"])
