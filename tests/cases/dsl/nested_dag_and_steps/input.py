from flowc.dsl import *


class NestedFlow(Workflow):
    @task
    def run_inner(self):
        return self.inner(message="from main")

    @task
    @depends("run-inner.Succeeded || run-inner.Failed")
    def run_steps(self):
        return self.stepped()

    @dag(fail_fast=True)
    @inputs.parameter(name="message")
    def inner(self, message):
        @task
        def first(self):
            return self.echo(message="{{inputs.parameters.message}}")

        @task
        @dependencies(["first"])
        def second(self):
            return self.echo(message="second")

    @steps
    def stepped(self):
        @step
        def hello1(self):
            return self.echo(message="hello1")

        @step
        def hello2a(self):
            return self.echo(message="hello2a")

        @step
        @parallel
        def hello2b(self):
            return self.echo(message="hello2b")

    @template(retry_strategy=V1alpha1RetryStrategy(limit=3, retry_policy="Always"), active_deadline_seconds=60)
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])
