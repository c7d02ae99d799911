# Argo example: retry-script.yaml. A retried script template.
from flowc.dsl import *


class RetryScript(Workflow):
    entrypoint = "retry-script"

    @template(retry_strategy={"limit": "10"})
    def retry_script(self) -> V1alpha1ScriptTemplate:
        # fail with a 66% probability
        return V1alpha1ScriptTemplate(
            image="python:alpine3.23",
            command=["python"],
            source="import random;\nimport sys; \nexit_code = random.choice([0, 1, 1]); \nsys.exit(exit_code)\n",
        )
