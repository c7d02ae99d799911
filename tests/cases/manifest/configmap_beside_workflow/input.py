# A ConfigMap the workflow reads, carried verbatim beside it.
from flowc.dsl import Manifest, V1Container, Workflow, template


class ConfigMapSettings(Manifest):
    manifest = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "settings", "labels": {"app": "demo"}},
        "data": {"retries": "3", "verbose": "true"},
    }


class ReadSettings(Workflow):
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="busybox", command=["cat", "/etc/settings/retries"])
