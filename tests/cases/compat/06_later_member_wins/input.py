# One name, two members: Python keeps the later one (a warning says so),
# here the template; the earlier task is gone.
from argo.workflows.dsl import Workflow
from argo.workflows.dsl.tasks import *
from argo.workflows.dsl.templates import *


class Clone(Workflow):
    entrypoint = "clone"

    @task
    def clone(self) -> V1alpha1Template:
        return self.fetch()

    @template
    def fetch(self) -> V1Container:
        return V1Container(image="alpine/git", command=["git", "fetch"])

    @template
    def clone(self) -> V1Container:
        return V1Container(image="alpine/git", command=["git", "clone", "https://example.com/repo.git"])
