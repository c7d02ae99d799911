# Pod-level resources: Kubernetes supports cpu, memory and hugepages-<size> only.
from flowc.dsl import *


class W(Workflow):

    @task
    def A(self):
        return self.echo()

    @template(pod_resources=V1ResourceRequirements(limits={"cpu": "1", "nvidia.com/gpu": "1"}))
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "hi"])
