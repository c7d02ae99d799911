# Errors in an inherited task point into the file that holds it (base.py).
from flowc.dsl import *
from base import Base


class Derived(Base):
    @task
    def publish(self):
        return self.download()
