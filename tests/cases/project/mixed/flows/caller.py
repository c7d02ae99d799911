# A Python workflow calling the templates that exist only as YAML beside it.
from flowc.dsl import V1alpha1TemplateRef, Workflow, dependencies, parameter, task


class Caller(Workflow):
    @task
    @parameter(name="who", value="world")
    def greet(self, who):
        return V1alpha1TemplateRef(name="yaml-library", template="greet")

    @task
    @dependencies(["greet"])
    def ping(self):
        return V1alpha1TemplateRef(name="yaml-cluster-tools", template="ping", cluster_scope=True)
