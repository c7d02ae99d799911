# A CronWorkflow as argo-python-dsl's README writes one, with the submission
# code real files keep under `if __name__ == "__main__":` (flowc reads it
# without running it).
from argo.workflows.client import ApiClient, Configuration
from argo.workflows.dsl import CronWorkflow
from argo.workflows.dsl import template
from argo.workflows.dsl.templates import V1Container


class NightlyCleanup(CronWorkflow):

    entrypoint = "cleanup"
    schedule = "30 2 * * *"

    @template
    def cleanup(self) -> V1Container:
        container = V1Container(
            image="busybox:1.36",
            name="cleanup",
            command=["sh", "-c"],
            args=["echo cleaning up"],
        )
        return container


if __name__ == "__main__":
    wf = NightlyCleanup()
    client = ApiClient(configuration=Configuration(host="http://localhost:2746"))
    wf.submit(client, "argo")
