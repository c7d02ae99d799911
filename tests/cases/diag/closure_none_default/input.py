from flowc.dsl import *


class W(Workflow):
    entrypoint = "go"

    @closure(image="python:3.11")
    def go(limit: int = None, *rest, mode: set = set()):
        print(limit)
