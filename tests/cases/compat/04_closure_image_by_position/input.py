# argo-python-dsl's closure(image, scope=None, ...) takes the image by
# position too.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import *


class ByPosition(Workflow):
    entrypoint = "hello"

    @closure("python:3.11")
    def hello():
        print("hello")
