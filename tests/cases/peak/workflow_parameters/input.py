# Workflow parameters -> Peak's run-time parameters, environment variables:
# each step that uses one gets it in parameters.env with the value as its
# default (`peak workflows execute` can pass another in params.global), and
# {{workflow.parameters.x}} in its command becomes "$x".
from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    arguments = V1alpha1Arguments(parameters=[
        V1alpha1Parameter(name="message", value="hello world"),
        V1alpha1Parameter(name="count", value="3"),
    ])

    @task
    def greet(self):
        return self.say()

    @task
    @parameter(name="times", value="{{workflow.parameters.count}}")
    def repeat(self, times):
        return self.loop(times=times)

    @template
    def say(self) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{workflow.parameters.message}}!"])

    @template
    @inputs.parameter(name="times")
    def loop(self, times) -> V1Container:
        return V1Container(image="alpine", command=["seq", "{{inputs.parameters.times}}"])
