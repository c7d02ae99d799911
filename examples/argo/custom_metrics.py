# Argo example: custom-metrics.yaml. Prometheus metrics at workflow level and
# on templates: realtime gauges, a histogram emitted on success, a counter.
from typing import ClassVar

from flowc.dsl import *


class CustomMetrics(Workflow):
    generate_name = "hello-world-"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "flaky"}
    entrypoint = "steps"
    metrics = V1alpha1Metrics(
        prometheus=[
            V1alpha1Prometheus(
                name="duration_gauge",
                labels=[V1alpha1MetricLabel(key="name", value="workflow")],
                help="Duration gauge by name",
                # emitted in real time; {{workflow.duration}} at workflow level, {{duration}} in templates
                gauge=V1alpha1Gauge(realtime=True, value="{{workflow.duration}}"),
            ),
        ]
    )

    @steps(
        metrics=V1alpha1Metrics(
            prometheus=[
                V1alpha1Prometheus(
                    name="duration_gauge",
                    labels=[V1alpha1MetricLabel(key="name", value="steps")],
                    help="Duration gauge by name",
                    gauge=V1alpha1Gauge(realtime=True, value="{{duration}}"),
                ),
            ]
        )
    )
    def steps(self):
        @step
        def random_int(self):
            return self.random_int()

        @step
        def flakey(self):
            return self.flakey()

    @template(
        metrics=V1alpha1Metrics(
            prometheus=[
                V1alpha1Prometheus(
                    name="random_int_step_histogram",
                    help="Value of the int emitted by random-int at step level",
                    when="{{status}} == Succeeded",  # only when the step succeeds
                    histogram=V1alpha1Histogram(
                        buckets=[2.01, 4.01, 6.01, 8.01, 10.01],
                        value="{{outputs.parameters.rand-int-value}}",
                    ),
                ),
                V1alpha1Prometheus(
                    name="duration_gauge",
                    labels=[V1alpha1MetricLabel(key="name", value="random-int")],
                    help="Duration gauge by name",
                    gauge=V1alpha1Gauge(realtime=True, value="{{duration}}"),
                ),
            ]
        )
    )
    @outputs.parameter(
        name="rand-int-value",
        global_name="rand-int-value",
        value_from=V1alpha1ValueFrom(path="/tmp/rand_int.txt"),
    )
    def random_int(self) -> V1Container:
        return V1Container(
            image="busybox",
            command=["sh", "-c"],
            args=[
                "RAND_INT=$((1 + RANDOM % 10)); echo $RAND_INT; echo $RAND_INT > /tmp/rand_int.txt"
            ],
        )

    @template(
        metrics=V1alpha1Metrics(
            prometheus=[
                V1alpha1Prometheus(
                    name="result_counter",
                    help="Count of step execution by result status",
                    labels=[
                        V1alpha1MetricLabel(key="name", value="flakey"),
                        V1alpha1MetricLabel(key="status", value="{{status}}"),
                    ],
                    counter=V1alpha1Counter(value="1"),
                ),
            ]
        )
    )
    def flakey(self) -> V1Container:
        # fail with a 66% probability
        return V1Container(
            image="python:alpine3.23",
            command=["python", "-c"],
            args=[
                "import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"
            ],
        )
