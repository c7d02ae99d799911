# Argo example: cron-backfill.yaml. Four documents: a WorkflowTemplate, a
# CronWorkflow running it by workflow_template_ref, and two backfill
# workflows (one creating Workflows with a resource template, one calling the
# template by templateRef in a sequence loop).
from typing import ClassVar

from flowc.dsl import *


class Job(WorkflowTemplate):
    name = "job"
    entrypoint = "main"
    # use "yesterday" is a magic value to tell the script it needs to determine the day to run
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="date", value="yesterday")]
    )

    @template
    @inputs.parameter(name="date")
    def main(self) -> V1alpha1ScriptTemplate:
        return V1alpha1ScriptTemplate(
            image="busybox",
            command=["sh"],
            source=(
                'date="{{inputs.parameters.date}}"\n'
                "if [ $date = yesterday ]; then\n"
                "  date=$(date -d yesterday +%Y-%m-%d)\n"
                "fi\n"
                'echo "run for $date"\n'
            ),
        )


class DailyJob(CronWorkflow):
    name = "daily-job"
    # run daily at 2am
    schedules = ("0 2 * * *",)
    workflow_template_ref = V1alpha1WorkflowTemplateRef(name="job")


CREATE_JOB = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  # using a name based on the date prevents re-creating resources,
  # making this more robust
  name: job-{{inputs.parameters.date}}
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: start-job
            arguments:
              parameters:
                - name: date
                  value: "{{inputs.parameters.date}}"
            templateRef:
              name: job
              template: main
"""


class BackfillV1(Workflow):
    name = "backfill-v1"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "main"
    # the backfill must use a service account which can create workflows
    service_account_name = "argo-server"

    @steps
    def main(self):
        @step
        @with_sequence(start="19", end="21", format="2020-05-%02X")
        def day(self):
            return self.create_job(date="{{item}}")

    # this template creates each workflow
    @template
    @inputs.parameter(name="date")
    def create_job(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(action="apply", manifest=CREATE_JOB)


class BackfillV2(Workflow):
    name = "backfill-v2"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    annotations: ClassVar = {
        "workflows.argoproj.io/no-test-reasons": "This is the error, we should fix the service account\n"
        "\n"
        "workflowtaskresults.argoproj.io is forbidden: User\n"
        '"system:serviceaccount:argo:argo-server" cannot create resource\n'
        '"workflowtaskresults" in API group "argoproj.io" in the namespace "argo"\n',
    }
    entrypoint = "main"
    # limit to one job at a time
    parallelism = 1

    @steps
    def main(self):
        @step
        @parameter(name="date", value="{{item}}")
        @with_sequence(start="19", end="21", format="2020-05-%02d")
        def create_job(self, date):
            return V1alpha1TemplateRef(name="job", template="main")
