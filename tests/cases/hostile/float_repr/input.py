# Floats are written as Python writes them (argo-python-dsl's output):
# repr() in parameters, PyYAML's form in YAML (repr, with ".0" before an
# exponent that has no dot), never C++'s shortest form (1e-04, 1e+15).
from flowc.dsl import *


class Floats(Workflow):
    @task
    def a(self):
        return self.echo()

    @template(metrics=V1alpha1Metrics(prometheus=[V1alpha1Prometheus(
        name="h", help="buckets", histogram=V1alpha1Histogram(
            buckets=[0.0001, 1e-05, 1.5e-05, 1e15, 1e16, 0.1, 2.0], value="1"))]))
    @inputs.parameter(name="small", value=0.0001)
    @inputs.parameter(name="tiny", value=1.5e-05)
    @inputs.parameter(name="large", value=1e15)
    @inputs.parameter(name="huge", value=1e16)
    @inputs.parameter(name="third", value=0.30000000000000004)
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"], resources=V1ResourceRequirements(limits={"cpu": 0.0001}))
