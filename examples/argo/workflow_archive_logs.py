# Argo example: workflow-template/workflow-archive-logs.yaml. archive_logs as
# a workflow setting.
from flowc.dsl import *


class WorkflowArchiveLogs(Workflow):
    generate_name = "archive-location-"
    # archive_logs allows configuring the archive location for the workflow
    archive_logs = True
    entrypoint = "hello-world"

    @template
    def hello_world(self) -> V1Container:
        return V1Container(image="busybox", command=["echo"], args=["hello world"])
