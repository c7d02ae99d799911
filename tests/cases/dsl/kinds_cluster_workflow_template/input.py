from flowc.dsl import *


class ClusterShared(ClusterWorkflowTemplate):
    @template
    def say(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "shared"])
