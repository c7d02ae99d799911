from flowc.dsl import *


class Deploy(Workflow):
    entrypoint = "deploy"
    synchronization = {"mutex": {"name": "a"}, "mutexes": [{"name": "b"}]}

    @template
    def deploy(self) -> V1Container:
        return V1Container(image="alpine:3.19")
