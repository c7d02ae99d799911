# Diagnostics about what a class inherits point into the file that holds it.
from flowc.dsl import *
from base import Base


class Derived(Base):
    @task
    @dependencies(["fetch"])
    def publish(self):
        return self.upload()

    @template
    def upload(self) -> V1Container:
        return V1Container(image="alpine", command=["upload"], stdin=True)
