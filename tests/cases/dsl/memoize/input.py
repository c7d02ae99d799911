# Memoization: a template's result is cached in a ConfigMap under a key.
from flowc.dsl import *


class Memoized(Workflow):
    entrypoint = "cached"

    @template(memoize=V1alpha1Memoize(
        key="{{inputs.parameters.message}}",
        max_age="10s",
        cache=V1alpha1Cache(config_map=V1LocalObjectReference(name="whalesay-cache")),
    ))
    @inputs.parameter(name="message", value="hello")
    def cached(self, message) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])
