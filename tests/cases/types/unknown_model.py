# A model class that does not exist, by name and by import.
from flowc.dsl import *
from flowc.dsl import V1alpha1Paramter


class Unknown(Workflow):
    @template
    def echo(self) -> V1Container:
        return V1Containr(image="alpine:3.19")
