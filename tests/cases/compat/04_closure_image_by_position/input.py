# argo-python-dsl's closure(image, scope=None, ...) takes the image, and the
# scope, by position too.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import *


class ByPosition(Workflow):
    entrypoint = "hello"

    @closure("python:3.11")
    def hello():
        print("hello")

    @closure("python:3.11", "util")
    def scoped():
        util.shout("hello")

    @scope(name="util")
    def shout(text):
        print(text.upper())
