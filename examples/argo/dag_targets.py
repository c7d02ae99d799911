# Argo example: dag-targets.yaml. The DAG's own `target` field, set through
# @dag(dag=V1alpha1DAGTemplate(target=...)), runs only the tasks needed to
# reach the targets.
from flowc.dsl import *


class DagTargets(Workflow):
    generate_name = "dag-target-"
    entrypoint = "dag-target"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="target", value="E")]
    )

    @dag(dag=V1alpha1DAGTemplate(target="{{workflow.parameters.target}}"))
    def dag_target(self):
        @task
        def A(self):
            return self.echo(message="A")

        @task
        @depends("A")
        def B(self):
            return self.echo(message="B")

        @task
        @depends("A")
        def C(self):
            return self.echo(message="C")

        @task
        @depends("B && C")
        def D(self):
            return self.echo(message="D")

        @task
        @depends("C")
        def E(self):
            return self.echo(message="E")

    @template
    @inputs.parameter(name="message")
    def echo(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo", "{{inputs.parameters.message}}"]
        )
