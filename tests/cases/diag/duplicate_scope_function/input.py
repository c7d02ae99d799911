from flowc.dsl import *


# Two module-level functions of one scope with one name: flowc's own
# module-level scopes, where a name cannot be resolved by "the later wins"
# because both were decorated into the scope.
@scope(name="helpers")
def log(msg):
    print(msg)


@scope(name="helpers")
def log(msg):  # noqa: F811
    print("again", msg)


class W(Workflow):
    entrypoint = "go"

    @closure(image="python:3.11", scope="helpers")
    def go(helpers):
        helpers.log("hi")
