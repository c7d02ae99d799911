from flowc.dsl import *


class Typed(Workflow):
    @task
    def fit(self):
        return self.train(epochs=3, tags='["a", "b"]')

    @task
    @dependencies(["fit"])
    def report(self):
        return self.show(summary="{{tasks.fit.outputs.result}}")

    @closure(image="python:3.11")
    def train(epochs: int = 10, lr: float = 0.5, tags: list = [], options: dict = {"a": 1},
              verbose: bool = False, name: str = "model", note="free text"):
        total = sum(lr * i for i in range(epochs))
        return {"total": total, "tags": tags, "options": options, "verbose": verbose, "name": name, "note": note}

    @closure(image="python:3.11")
    def show(summary: dict):
        print("total:", summary["total"])
