# validate.go:852-863 (TestInvalidResourceWorkflow): a resource manifest must parse as YAML.
from flowc.dsl import *


class W(Workflow):

    @task
    def A(self):
        return self.make()

    @template
    def make(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(action="apply", manifest="invalid-yaml-line\nkind: ConfigMap\n")
