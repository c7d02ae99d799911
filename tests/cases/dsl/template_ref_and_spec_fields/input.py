from flowc.dsl import *


class UsesTemplates(Workflow):
    service_account_name = "runner"
    parallelism = 2
    on_exit = "cleanup"
    ttl_strategy = V1alpha1TTLStrategy(seconds_after_completion=300)
    pod_gc = {"strategy": "OnPodSuccess"}
    node_selector = {"kubernetes.io/os": "linux"}
    arguments = {"parameters": [{"name": "who", "value": "world"}]}
    labels = {"team": "data"}

    @task
    @parameter(name="message", value="{{workflow.parameters.who}}")
    def greet(self, message):
        return V1alpha1TemplateRef(name="shared-steps", template="say")

    @task
    def cluster_greet(self):
        return V1alpha1TemplateRef(name="cluster-shared", template="say", cluster_scope=True)

    @template
    def cleanup(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "done"],
                           resources=V1ResourceRequirements(limits={"cpu": 0.5, "memory": "64Mi"}))
