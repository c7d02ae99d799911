# A task that calls a method without a DSL decorator: the method is not a
# template (argo-python-dsl ignores it too), and the error says so.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class Helper(Workflow):
    @task
    def run(self) -> V1alpha1Template:
        return self.container()

    @staticmethod
    def container():
        return V1Container(image="alpine:3.7")
