from argo.workflows.dsl.templates import *
from pipelines.base import BasePipeline


class Nightly(BasePipeline):
    entrypoint = "hello"

    @template
    def hello(self) -> V1Container:
        return V1Container(image="alpine:3.7")
