# Argo example: parameter-aggregation-dag.yaml. A loop's output parameters
# aggregated into a JSON list and fanned out again with with_param and when.
from flowc.dsl import *


class ParameterAggregationDag(Workflow):
    entrypoint = "parameter-aggregation"

    @dag
    def parameter_aggregation(self):
        # odd or even for each number, in output parameter 'evenness'
        @task
        @with_items([1, 2, 3, 4])
        def odd_or_even(self):
            return self.odd_or_even(num="{{item}}")

        @task
        @depends("odd-or-even")
        def print_nums(self):
            return self.print_message(
                message="{{tasks.odd-or-even.outputs.parameters.num}}"
            )

        @task
        @depends("odd-or-even")
        def print_evenness(self):
            return self.print_message(
                message="{{tasks.odd-or-even.outputs.parameters.evenness}}"
            )

        # halve each even number; odd ones are skipped by `when`
        @task
        @depends("odd-or-even")
        @with_param("{{tasks.odd-or-even.outputs.parameters}}")
        @when("{{item.evenness}} == even")
        def divide_by_2(self):
            return self.divide_by_2(num="{{item.num}}")

        # print all numbers processed in the previous step
        @task
        @depends("divide-by-2")
        @with_param("{{tasks.divide-by-2.outputs.result}}")
        def print(self):
            return self.print_message(message="{{item}}")

    @template
    @inputs.parameter(name="num")
    @outputs.parameter(name="num", value_from=V1alpha1ValueFrom(path="/tmp/num"))
    @outputs.parameter(name="evenness", value_from=V1alpha1ValueFrom(path="/tmp/even"))
    def odd_or_even(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=[
                (
                    "sleep 1 &&\n"
                    "echo {{inputs.parameters.num}} > /tmp/num &&\n"
                    "if [ $(({{inputs.parameters.num}}%2)) -eq 0 ]; then\n"
                    '  echo "even" > /tmp/even;\n'
                    "else\n"
                    '  echo "odd" > /tmp/even;\n'
                    "fi\n"
                ),
            ],
        )

    @template
    @inputs.parameter(name="num")
    def divide_by_2(self) -> V1Container:
        return V1Container(
            image="alpine:3.23",
            command=["sh", "-c"],
            args=["echo $(({{inputs.parameters.num}}/2))"],
        )

    @template
    @inputs.parameter(name="message")
    def print_message(self) -> V1Container:
        return V1Container(
            image="busybox", command=["echo"], args=["{{inputs.parameters.message}}"]
        )
