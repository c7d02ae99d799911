# Argo example: k8s-set-owner-reference.yaml. A created resource owned by the
# workflow.
from typing import ClassVar

from flowc.dsl import *


class K8sSetOwnerReference(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    annotations: ClassVar = {
        "workflows.argoproj.io/no-test-reasons": "main: Error (exit code 64): no more retries Error from server (Forbidden):\n"
        'error when creating "/tmp/manifest.yaml": configmaps is forbidden: User\n'
        '"system:serviceaccount:argo:default" cannot create resource "configmaps"\n'
        'in API group "" in the namespace "argo"\n',
    }
    entrypoint = "k8s-set-owner-reference"

    @template
    def k8s_set_owner_reference(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(
            action="create",
            set_owner_reference=True,
            manifest="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: owned-eg-\ndata:\n  some: value\n",
        )
