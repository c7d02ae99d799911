# Argo example: template-on-exit.yaml. Per-step exit hooks.
from typing import ClassVar

from flowc.dsl import *


class TemplateOnExit(Workflow):
    generate_name = "container-on-exit-"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "step-template"

    @steps
    def step_template(self):
        @step(hooks={"exit": V1alpha1LifecycleHook(template="exit-container")})
        def stepA(self):
            return self.hello_world()

        @step(hooks={"exit": V1alpha1LifecycleHook(template="exit-container")})
        def stepB(self):
            return self.hello_world()

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])

    @template
    def exit_container(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["goodbye world"])
