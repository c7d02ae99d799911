# argo-python-dsl injects a closure's scope as a class at the top of the
# script, so the body reaches it by name without a parameter: accepted.
from flowc.dsl import *


class W(Workflow):
    entrypoint = "go"

    @scope(name="webhook")
    def log(msg):
        print(msg)

    @closure(image="python:3.11", scope="webhook")
    def go():
        webhook.log("hi")
