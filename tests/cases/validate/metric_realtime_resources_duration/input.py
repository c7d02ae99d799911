# validate.go:561 -> metrics.ValidateMetricValues (TestInvalidMetricGauge).
from flowc.dsl import *


class W(Workflow):

    @task
    def A(self):
        return self.echo()

    @template(metrics=V1alpha1Metrics(prometheus=[
        V1alpha1Prometheus(name="cpu_used", help="CPU used so far",
                           gauge=V1alpha1Gauge(realtime=True, value="{{resourcesDuration.cpu}}")),
    ]))
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "hi"])
