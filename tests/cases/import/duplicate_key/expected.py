# A key written twice: the last one is kept, as Kubernetes reads the file.
from flowc.dsl import V1Container, Workflow, template


class Again(Workflow):
    entrypoint = "main"

    @template
    def main(self) -> V1Container:
        return V1Container(image="busybox")
