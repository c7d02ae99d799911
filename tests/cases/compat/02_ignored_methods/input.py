# Methods that are not DSL members are ignored, as argo-python-dsl ignores
# them: properties (with setters), static and class methods, cached
# properties and plain helpers.
import functools

from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class Helpers(Workflow):
    entrypoint = "hello"

    @property
    def id(self):
        return "helpers"

    @id.setter
    def id(self, value):
        pass

    @staticmethod
    def version():
        return "1.0"

    @classmethod
    def create(cls):
        return cls()

    @functools.cached_property
    def expensive(self):
        return 42

    def describe(self):
        return "a helper"

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine:3.7", command=["echo", "hello"])
