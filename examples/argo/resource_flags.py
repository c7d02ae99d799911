# Argo example: resource-flags.yaml. Resource templates creating a route, the
# second with kubectl flags, run when the first failed.
from typing import ClassVar

from flowc.dsl import *

ROUTE = """\
apiVersion: route.openshift.io/v1
kind: Route
metadata:
  name: host-route
spec:
  to:
    kind: Service
    name: service-name
"""


class ResourceFlags(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    annotations: ClassVar = {
        "workflows.argoproj.io/no-test-reasons": "route openshift crd not installed\n"
    }
    generate_name = "resource-validate-"
    entrypoint = "resource-validate-example"

    @steps
    def resource_validate_example(self):
        @step
        @continue_on(failed=True)
        def submit_resource(self):
            return self.create_route()

        @step
        @when("{{steps.submit-resource.status}} == Failed")
        def submit_resource_without_validation(self):
            return self.create_route_without_validation()

    @template
    def create_route(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(action="create", manifest=ROUTE)

    @template
    def create_route_without_validation(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(
            action="create",
            flags=["--validate=false"],  # validation will be turned off
            manifest=ROUTE,
        )
