# Argo example: http-success-condition.yaml. HTTP templates that succeed on a
# condition over the response's status, body or headers.
from typing import ClassVar

from flowc.dsl import *


class HttpSuccessCondition(Workflow):
    generate_name = "http-template-condition-"
    labels: ClassVar = {"workflows.argoproj.io/no-test": "flaky"}
    annotations: ClassVar = {
        "workflows.argoproj.io/description": "Exemplifies usage of successCondition in HTTP template (available since v3.3)\n",
    }

    @steps
    def main(self):
        @step
        def http_status_is_201_succeeds(self):
            return self.http_status_is_201(
                url="https://httpbin.org/status/201"
            )  # returns status code 201

        @step
        @parallel
        def http_body_contains_google_succeeds(self):
            return self.http_body_contains_google(url="https://google.com")

    @template
    @inputs.parameter(name="url")
    def http_status_is_201(self) -> V1alpha1HTTP:
        return V1alpha1HTTP(
            success_condition="response.statusCode == 201",
            url="{{inputs.parameters.url}}",
        )

    @template
    @inputs.parameter(name="url")
    def http_body_contains_google(self) -> V1alpha1HTTP:
        return V1alpha1HTTP(
            success_condition='response.body contains "google"',
            url="{{inputs.parameters.url}}",
        )

    @template
    @inputs.parameter(name="url")
    def http_headers_contains_cloudflare(self) -> V1alpha1HTTP:
        return V1alpha1HTTP(
            success_condition='response.headers["Server"][0] == "cloudflare"',
            url="{{inputs.parameters.url}}",
        )
