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
        - name: probed
          daemon: true
          container:
            image: influxdb
            command: [sleep, "60"]
            readinessProbe: {exec: {command: [influx, ping]}}
        """)
    assert code == 2 and report is None, out
    # An exec probe runs inside the running container, which the host executor cannot enter.
    assert re.search(r"error: template 'probed': a daemon with an exec readinessProbe .*\[E1263\]", out), out


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


def test_readiness_probe_holds_later_steps_until_the_daemon_is_ready(tmp_path):
    # operator.go assessNodeStatus: a daemon's node is daemoned (and its
    # step done) only once its pod is Running with every container Ready;
    # a container with a readinessProbe is Ready once the probe passed
    # (kubelet prober worker: the first probe after initialDelaySeconds,
    # then every periodSeconds; httpGet passes on 200-399, tcpSocket on a
    # connection). `web` listens only after 1.5 s: a one-shot client in the
    # next step reaches it only if the step waited for the probe. `tcp`
    # listens at once, but its probe starts after initialDelaySeconds: 2.
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: web, template: web}
          - - {name: use, template: once, arguments: {parameters: [{name: port, value: "18761"}]}}
          - - {name: tcp, template: tcp}
          - - {name: use-tcp, template: once, arguments: {parameters: [{name: port, value: "18762"}]}}
        - name: web
          daemon: true
          container:
            image: python
            command: [sh, -c, "sleep 1.5; exec python3 -m http.server 18761 --bind 127.0.0.1 --directory /etc"]
            readinessProbe: {httpGet: {path: /hostname, port: 18761}, periodSeconds: 1}
        - name: tcp
          daemon: true
          container:
            image: python
            command: [python3, -m, http.server, "18762", --bind, 127.0.0.1, --directory, /etc]
            readinessProbe: {tcpSocket: {port: 18762}, initialDelaySeconds: 2, periodSeconds: 1}
        - name: once
          inputs: {parameters: [{name: port}]}
          container:
            image: python
            command: [python3, -c, "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:{{inputs.parameters.port}}/hostname', timeout=5).status)"]
        """)
    assert code == 0, out
    n = by_display(report)
    assert n["use"]["phase"] == "Succeeded" and n["use"]["outputs"]["result"] == "200"
    assert n["use-tcp"]["phase"] == "Succeeded"
    from datetime import datetime
    t = lambda s: datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
    assert (t(n["use-tcp"]["startedAt"]) - t(n["tcp"]["startedAt"])).total_seconds() >= 1  # (whole seconds in the status)
    assert n["web"]["phase"] == "Succeeded" and n["tcp"]["phase"] == "Succeeded"


def test_readiness_probe_that_never_passes_keeps_the_step_running(tmp_path):
    # A readiness probe never restarts its container; until it passes the
    # pod is not ready and the daemon's step does not end: the run's
    # --timeout stops it, and the next step never starts.
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: deaf, template: deaf}
          - - {name: after, template: after}
        - name: deaf
          daemon: true
          container:
            image: alpine
            command: [sleep, "30"]
            readinessProbe: {tcpSocket: {port: 18763}, periodSeconds: 1, timeoutSeconds: 1}
        - name: after
          container: {image: alpine, command: ["true"]}
        """, "--timeout", "3")
    assert code == 1, out
    n = by_display(report)
    assert "after" not in n and n["deaf"].get("daemoned") is not True


def test_retried_daemon_is_retried_until_ready_then_daemoned(tmp_path):
    # operator.go processNodeRetries: an attempt that fails (here: its
    # process exits before its readiness probe passed) is retried; a
    # daemoned last attempt makes the Retry node daemoned, and it ends as
    # the attempt does (killed with its scope: Succeeded).
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: web, template: web}
          - - {name: use, template: once}
        - name: web
          daemon: true
          retryStrategy: {limit: 2}
          container:
            image: python
            command: [sh, -c, "[ {{retries}} -ge 1 ] || exit 1; exec python3 -m http.server 18764 --bind 127.0.0.1 --directory /etc"]
            readinessProbe: {tcpSocket: {port: 18764}, periodSeconds: 1}
        - name: once
          container:
            image: python
            command: [python3, -c, "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:18764/hostname', timeout=5).status)"]
        """)
    assert code == 0, out
    n = by_display(report)
    assert n["web"]["type"] == "Retry" and n["web"]["phase"] == "Succeeded", n["web"]
    assert n["web(0)"]["phase"] == "Failed" and n["web(1)"]["phase"] == "Succeeded"
    assert n["use"]["outputs"]["result"] == "200"
