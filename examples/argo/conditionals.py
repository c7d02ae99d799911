# Argo example: conditionals.yaml. `when` in govaluate and expr forms, on a
# steps template that takes an input parameter.
from flowc.dsl import *


class Conditionals(Workflow):
    generate_name = "conditional-"
    entrypoint = "conditional-example"
    arguments = V1alpha1Arguments(
        parameters=[V1alpha1Parameter(name="should-print", value="true")]
    )

    @steps
    @inputs.parameter(name="should-print")
    def conditional_example(self):
        @step
        @when("{{inputs.parameters.should-print}} == true")
        def print_hello_govaluate(self):
            return self.argosay()

        @step
        @parallel
        @when("{{= inputs.parameters[\"should-print\"] == 'true'}}")
        def print_hello_expr(self):
            return self.argosay()

        @step
        @parallel
        @when("{{=jsonpath(workflow.parameters.json, '$[0].value') == 'true'}}")
        def print_hello_expr_json(self):
            return self.argosay()

    @template
    def argosay(self) -> V1Container:
        return V1Container(
            image="argoproj/argosay:v1", command=["sh", "-c"], args=["cowsay hello"]
        )
