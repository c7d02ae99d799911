"""Daemons (`daemon: true`) in `flowc run` (issue 21), end to end through the
installed `flowc run` with real processes: a python http.server as the
daemon, clients reaching it at `{{steps.X.ip}}` / `{{tasks.X.ip}}`. Rules from
argoproj/argo-workflows v4.1.2 workflow/controller: operator.go
assessNodeStatus (a running daemon pod makes its node Running and daemoned,
with the pod's IP; a daemoned pod that ends is Succeeded), steps.go /
dag.go killDaemonedChildren (a steps/DAG node's daemons are killed when it
ends), dag.go evaluateDependsLogic (`.Daemoned`)."""
from __future__ import annotations

import re
import subprocess
import textwrap

from test_run import by_display, run_spec

SERVER = """\
- name: server
  inputs: {parameters: [{name: port}]}
  daemon: true
  container:
    image: python
    command: [python3, -m, http.server, "{{inputs.parameters.port}}", --bind, 127.0.0.1, --directory, /etc]
- name: client
  inputs: {parameters: [{name: url}]}
  container:
    image: alpine
    command: [sh, -c]
    args:
    - |
      for i in $(seq 200); do
        python3 -c 'import urllib.request; print(urllib.request.urlopen("{{inputs.parameters.url}}").status)' 2>/dev/null && exit 0
        sleep 0.05
      done
      exit 1
- name: closed
  inputs: {parameters: [{name: url}]}
  container:
    image: alpine
    command: [python3, -c]
    args:
    - |
      import urllib.request
      try:
          urllib.request.urlopen("{{inputs.parameters.url}}", timeout=5)
          print("still-served")
      except OSError:
          print("closed")
"""




def test_daemon_step_serves_later_steps_and_dies_with_its_scope(tmp_path):
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: inner, template: inner}
          - - name: after-scope
              template: closed
              arguments: {parameters: [{name: url, value: "http://127.0.0.1:18751/hostname"}]}
        - name: inner
          steps:
          - - {name: influx, template: server, arguments: {parameters: [{name: port, value: "18751"}]}}
          - - name: use
              template: client
              arguments: {parameters: [{name: url, value: "http://{{steps.influx.ip}}:18751/hostname"}]}
            - name: use-too
              template: client
              arguments: {parameters: [{name: url, value: "http://{{steps.influx.ip}}:18751/hostname"}]}
        """.rstrip(" ") + textwrap.indent(SERVER, "        "))
    assert code == 0, out
    n = by_display(report)
    # The later steps reached the daemon while it ran...
    assert n["use"]["outputs"]["result"] == "200" and n["use-too"]["outputs"]["result"] == "200"
    # ...at its IP (every pod here shares the host's network: loopback).
    assert n["influx"]["podIP"] == "127.0.0.1"
    # killDaemonedChildren: the inner steps' end killed it, before the outer next step ran.
    assert n["after-scope"]["outputs"]["result"] == "closed"
    # A killed daemoned pod is Succeeded, and no longer daemoned.
    assert n["influx"]["phase"] == "Succeeded" and "daemoned" not in n["influx"]
    assert n["influx"]["finishedAt"] <= n["after-scope"]["startedAt"]


def test_dag_daemon_task_with_daemoned_depends(tmp_path):
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - {name: influx, template: server, arguments: {parameters: [{name: port, value: "18752"}]}}
            - name: by-name
              depends: influx
              template: client
              arguments: {parameters: [{name: url, value: "http://{{tasks.influx.ip}}:18752/hostname"}]}
            - name: by-daemoned
              depends: influx.Daemoned
              template: client
              arguments: {parameters: [{name: url, value: "http://{{tasks.influx.ip}}:18752/hostname"}]}
            - name: not-on-success
              depends: influx.Succeeded
              template: client
              arguments: {parameters: [{name: url, value: "http://{{tasks.influx.ip}}:18752/hostname"}]}
        """.rstrip(" ") + textwrap.indent(SERVER, "        "))
    assert code == 0, out
    n = by_display(report)
    assert n["by-name"]["outputs"]["result"] == "200"
    assert n["by-daemoned"]["outputs"]["result"] == "200"
    # While it runs a daemon is Running (daemoned), not Succeeded: influx.Succeeded is false.
    assert n["not-on-success"]["phase"] == "Omitted"
    assert n["influx"]["phase"] == "Succeeded" and n["influx"]["podIP"] == "127.0.0.1"


def test_daemons_argo_cannot_be_run_as_argo_are_refused(tmp_path):
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: a, template: probed}
            - {name: b, template: retried}
        - name: probed
          daemon: true
          container:
            image: influxdb
            command: [sleep, "60"]
            readinessProbe: {httpGet: {path: /ping, port: 8086}}
        - name: retried
          daemon: true
          retryStrategy: {limit: 2}
          container: {image: alpine, command: [sleep, "60"]}
        """)
    assert code == 2 and report is None, out
    assert re.search(r"error: template 'probed': a daemon with a readinessProbe .*\[E1263\]", out), out
    assert re.search(r"error: template 'retried': a daemon with a retryStrategy .*\[E1263\]", out), out


def test_a_daemon_entrypoint_ends_with_the_workflow(tmp_path):
    # A daemon as the entrypoint: the workflow's end kills it; nothing hangs or stays.
    code, report, out = run_spec(tmp_path, """\
        entrypoint: server
        arguments: {parameters: [{name: port, value: "18755"}]}
        templates:
        - name: server
          inputs: {parameters: [{name: port}]}
          daemon: true
          container: {image: python, command: [python3, -m, http.server, "18755", --bind, 127.0.0.1]}
        """)
    assert code == 0, out
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert "http.server 18755" not in ps
