# Workflow parameters Peak cannot pass to a step.
from flowc.dsl import *
from flowc.dsl import peak

@peak.workflow(image_id=1)
class W(Workflow):
    arguments = V1alpha1Arguments(parameters=[
        V1alpha1Parameter(name="no-value-name"),
        V1alpha1Parameter(name="required"),
        V1alpha1Parameter(name="greeting", value="hi"),
        V1alpha1Parameter(name="unused", value="x"),
    ])

    @task
    def a(self):
        return self.run()

    @template
    def run(self) -> V1Container:
        return V1Container(
            image="alpine",
            command=["echo", "{{workflow.parameters.required}}"],
            env=[V1EnvVar(name="GREETING", value="{{workflow.parameters.greeting}}")],
        )
