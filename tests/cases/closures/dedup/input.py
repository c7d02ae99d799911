from flowc.dsl import *


class Dedup(Workflow):
    @task
    def first(self):
        return self.hello()

    @task
    def second(self):
        return self.hello_again()

    @closure(image="python:3.11")
    def hello():
        print("hello")

    @closure(image="python:3.11")
    def hello_again():
        print("hello")
