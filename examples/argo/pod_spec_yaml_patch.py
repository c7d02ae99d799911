# Argo example: pod-spec-yaml-patch.yaml. A workflow-wide pod spec patch
# (YAML) that reads a workflow parameter.
from flowc.dsl import *


class PodSpecYamlPatch(Workflow):
    generate_name = "pod-spec-patch-"
    entrypoint = "hello-world"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="mem-limit", value="100Mi")]
    )
    pod_spec_patch = """\
containers:
  - name: main
    resources:
      limits:
        memory: "{{workflow.parameters.mem-limit}}"
"""

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])
