from argo.workflows.dsl import Workflow
from argo.workflows.dsl.templates import closure, scope


class ClosureScope(Workflow):
    entrypoint = "hello"

    @closure(scope="util", image="python:3.11-alpine", image_pull_policy="IfNotPresent",
             retry_strategy={"limit": 2})
    def hello(util):
        import sys
        util.greet(sys.version_info[0])

    @scope(name="util")
    def greet(major):
        import os
        print("hello from python", major, os.sep)
