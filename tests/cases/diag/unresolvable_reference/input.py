from flowc.dsl import *


class W(Workflow):
    arguments = {"parameters": [{"name": "who", "value": "world"}]}

    @task
    def hello(self):
        return self.echo(message="{{workflow.parameters.whom}}")

    @task
    @dependencies(["hello"])
    def after(self):
        return self.echo(message="{{tasks.hello.outputs.parameters.greeting}}")

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{inputs.parameters.mesage}}"])
