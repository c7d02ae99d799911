# Argo example: daemoned-stateful-set-with-service.yaml. Resource templates
# create a Service and a StatefulSet, wait for it to be ready (get with a
# success condition), and delete both in the exit handler.
from typing import ClassVar

from flowc.dsl import *

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
    - port: 80
      name: web
  clusterIP: None
  selector:
    app: nginx
"""

STATEFUL_SET = """\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx # has to match .spec.template.metadata.labels
  serviceName: "nginx"
  template:
    metadata:
      labels:
        app: nginx # has to match .spec.selector.matchLabels
    spec:
      terminationGracePeriodSeconds: 10
      containers:
        - name: nginx
          image:  nginx:1.13
          ports:
            - containerPort: 80
              name: web
"""

STATEFUL_SET_REF = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n"
SERVICE_REF = "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n"


class DaemonedStatefulSetWithService(Workflow):
    labels: ClassVar = {"workflows.argoproj.io/no-test": "environment"}
    entrypoint = "create-wait-and-test"
    on_exit = "delete"

    @steps
    def create_wait_and_test(self):
        @step
        def create_service(self):
            return self.create_service()

        @step
        @parallel
        def create_stateful_set(self):
            return self.create_stateful_set()

        @step
        def wait_stateful_set(self):
            return self.wait_stateful_set()

        @step
        def test(self):
            return self.test()

    @steps
    def delete(self):  # the onExit handler
        @step
        def delete_service(self):
            return self.delete_service()

        @step
        @parallel
        def delete_stateful_set(self):
            return self.delete_stateful_set()

    @template
    def create_service(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(action="create", manifest=SERVICE)

    @template
    def create_stateful_set(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(action="create", manifest=STATEFUL_SET)

    @template
    def wait_stateful_set(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(
            action="get",
            success_condition="status.readyReplicas == 1",
            manifest=STATEFUL_SET_REF,
        )

    @template
    def test(self) -> V1Container:
        return V1Container(
            image="curlimages/curl:latest", command=["sh", "-c"], args=["curl nginx"]
        )

    @template
    def delete_service(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(
            action="delete", flags=["--ignore-not-found"], manifest=SERVICE_REF
        )

    @template
    def delete_stateful_set(self) -> V1alpha1ResourceTemplate:
        return V1alpha1ResourceTemplate(
            action="delete", flags=["--ignore-not-found"], manifest=STATEFUL_SET_REF
        )
