from flowc.dsl import *


@scope(name="math")
def square(x):
    return x * x


class Scopes(Workflow):
    entrypoint = "go"

    @scope(name="text")
    def shout(s):
        return s.upper() + "!"

    @scope(name="math")
    def cube(x):
        return math.square(x) * x

    @closure(image="python:3.11", scope=["math", "text"])
    def go(math, text):
        print(text.shout("cube"), math.cube(3))
