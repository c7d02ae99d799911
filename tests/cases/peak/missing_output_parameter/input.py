from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    @task
    def first(self):
        return self.make()

    @task
    @parameter(name="message", value="{{tasks.first.outputs.parameters.count}}")
    @dependencies(["first"])
    def second(self, message):
        return self.echo(message=message)

    @template
    @outputs.parameter(name="count", value_from=V1alpha1ValueFrom(json_path="{.count}"))
    def make(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{inputs.parameters.message}}"])
