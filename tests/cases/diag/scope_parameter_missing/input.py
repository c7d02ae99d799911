from flowc.dsl import *

class W(Workflow):
    entrypoint = "go"

    @scope(name="helpers")
    def log(msg):
        print(msg)

    @closure(image="python:3.11", scope="helpers")
    def go():
        helpers.log("hi")
