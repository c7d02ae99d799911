# A misspelled keyword of a model class, of a decorator and of a task
# decorator: both type checkers name the keyword (mypy says "did you mean").
from flowc.dsl import *


class Misspelled(Workflow):
    entrypoint = "main"

    @template(retry_stategy=V1alpha1RetryStrategy(limit=2))
    def echo(self) -> V1Container:
        return V1Container(imgae="alpine:3.19", command=["echo", "hi"])

    @task(contnue_on={"failed": True})
    def main(self) -> V1alpha1Template:
        return self.echo()
