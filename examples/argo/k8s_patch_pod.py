# Argo example: k8s-patch-pod.yaml. A resource template patching the pod it
# runs in (default, strategic merge).
from typing import ClassVar

from flowc.dsl import *


class K8sPatchPod(Workflow):
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "This example shows a standard patch with the default mergeStrategy (strategic)\n",
    }
    entrypoint = "main"

    @template
    def main(self) -> V1alpha1ResourceTemplate:
        # patch an annotation to own Pod
        return V1alpha1ResourceTemplate(
            action="patch",
            manifest="apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{pod.name}}\n  annotations:\n    foo: bar\n",
        )
