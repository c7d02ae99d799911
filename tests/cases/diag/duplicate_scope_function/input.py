from flowc.dsl import *

class W(Workflow):
    entrypoint = "go"

    @scope(name="helpers")
    def log(msg):
        print(msg)

    @scope(name="helpers")
    def log(msg):
        print("again", msg)

    @closure(image="python:3.11", scope="helpers")
    def go(helpers):
        helpers.log("hi")
