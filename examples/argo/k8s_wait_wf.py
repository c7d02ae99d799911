# Argo example: k8s-wait-wf.yaml. A resource template creates a Workflow and
# outputs its name (json_path); another waits for it to finish.
from typing import ClassVar

from flowc.dsl import *


class K8sWaitWf(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "flaky"}
    entrypoint = "k8s-wait-wf"

    @steps
    def k8s_wait_wf(self):
        @step
        def create_wf(self):
            return self.create_wf()

        @step
        @parameter(
            name="wf-name", value="{{steps.create-wf.outputs.parameters.wf-name}}"
        )
        def wait_wf(self, wf_name):
            return self.wait_wf(wf_name=wf_name)

    @template
    @outputs.parameter(
        name="wf-name", value_from=V1alpha1ValueFrom(json_path="{.metadata.name}")
    )
    def create_wf(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(
            action="create",
            manifest=(
                "apiVersion: argoproj.io/v1alpha1\n"
                "kind: Workflow\n"
                "metadata:\n"
                "  generateName: sleep-\n"
                "spec:\n"
                "  entrypoint: sleep\n"
                "  templates:\n"
                "  - name: sleep\n"
                "    container:\n"
                "      image: alpine:3.23\n"
                '      command: [sleep, "20"]\n'
            ),
        )

    @template
    @inputs.parameter(name="wf-name")
    def wait_wf(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(
            action="get",
            success_condition="status.phase == Succeeded",
            failure_condition="status.phase in (Failed, Error)",
            manifest=(
                "apiVersion: argoproj.io/v1alpha1\n"
                "kind: Workflow\n"
                "metadata:\n"
                "  name: {{inputs.parameters.wf-name}}\n"
            ),
        )
