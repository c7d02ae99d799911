# Settings the cron workflow reads.
from typing import ClassVar

from flowc.dsl import (
    CronWorkflow,
    Manifest,
    V1Container,
    continue_on,
    inputs,
    parallel,
    step,
    steps,
    template,
)


class ConfigMapNightlySettings(Manifest):
    manifest: ClassVar = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "nightly-settings"},
        "data": {"retries": "3"},
    }


class Nightly(CronWorkflow):
    schedules = ("0 2 * * *",)
    concurrency_policy = "Forbid"
    entrypoint = "main"

    @steps
    def main(self):
        @step
        def build(self):
            return self.run(what="build")

        @step
        def test_unit(self):
            return self.run(what="unit")

        @step
        @parallel
        @continue_on(failed=True)
        def test_e2e(self):
            return self.run(what="e2e")

    @template
    @inputs.parameter(name="what")
    def run(self) -> V1Container:
        return V1Container(
            image="alpine:3.19",
            command=["sh", "-c"],
            args=["echo {{inputs.parameters.what}}"],
        )
