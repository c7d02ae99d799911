"""A pod's other containers in `flowc run` (issue 21): `initContainers` and
`sidecars` of a container or script template, run by the host executor in
the main container's view, end to end through the installed `flowc run` with
real processes (a real HTTP server as the sidecar). Each test names the Argo
source it follows (argoproj/argo-workflows v4.1.2)."""
from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

from test_run import by_display, run_spec



def test_sidecar_serves_localhost_and_init_containers_prepare_the_view(tmp_path):
    # workflowpod.go createWorkflowPod puts initContainers and sidecars in the
    # node's pod: the init containers run in order before main, in the same
    # volumes; a sidecar starts beside main and localhost reaches it. Here the
    # inits write /srv (the pod's own: the host's /srv stays untouched), a
    # python http.server sidecar serves it, the main container fetches it.
    assert not Path("/srv/index.html").exists()
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          initContainers:
          - name: seed
            image: alpine
            command: [sh, -c, "mkdir -p /srv && echo hello-from-init > /srv/index.html && echo seeded"]
          - name: copy
            image: alpine
            command: [sh, -c, "cp /srv/index.html /srv/copy.txt"]
          sidecars:
          - name: web
            image: nginx
            command: [python3, -m, http.server, "18741", --bind, 127.0.0.1, --directory, /srv]
          container:
            image: alpine
            command: [sh, -c]
            args:
            - |
              for i in $(seq 200); do
                python3 -c 'import urllib.request, sys; sys.stdout.write(urllib.request.urlopen("http://localhost:18741/index.html").read().decode())' 2>/dev/null && cat /srv/copy.txt && exit 0
                sleep 0.05
              done
              exit 1
        """, "--keep")
    assert code == 0, out
    main = by_display(report)[report["metadata"]["name"]]
    assert main["phase"] == "Succeeded"
    # Only the main container's output is the result (executor.go CaptureScriptResult reads main's log).
    assert main["outputs"]["result"] == "hello-from-init\nhello-from-init"
    assert not Path("/srv/index.html").exists()
    # The other containers' output is kept in the node's folder, one log each.
    work = Path(re.search(r"Work folder kept: (\S+)", out).group(1))
    node_dir = work / main["id"]
    assert (node_dir / "init-seed.log").read_text() == "seeded\n"
    assert "GET /index.html" in (node_dir / "sidecar-web.log").read_text()


def test_failing_init_container_errors_the_node_and_main_never_runs(tmp_path):
    # operator.go inferFailedReason: an init container that exited non-zero
    # makes the node Error with "failed to load artifacts" (Argo reads every
    # init container's failure so); the main container never started, so the
    # node has no exitCode or result.
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: pod, template: pod}
        - name: pod
          initContainers:
          - {name: ok, image: alpine, command: [sh, -c, "true"]}
          - {name: broken, image: alpine, command: [sh, -c, "exit 3"]}
          - {name: never, image: alpine, command: [sh, -c, "echo never-ran"]}
          container: {image: alpine, command: [sh, -c, "echo main-ran"]}
        """, "--keep")
    assert code == 1, out
    n = by_display(report)
    assert n["pod"]["phase"] == "Error" and n["pod"]["message"] == "failed to load artifacts"
    assert "exitCode" not in n["pod"].get("outputs", {}) and "result" not in n["pod"].get("outputs", {})
    assert report["status"]["phase"] == "Failed"  # steps.go: a child Error fails the steps node
    work = Path(re.search(r"Work folder kept: (\S+)", out).group(1))
    assert (work / n["pod"]["id"] / "stdout").read_text() == ""
    assert (work / n["pod"]["id"] / "init-never.log").read_text() == ""  # opened, never started


def test_sidecar_exit_codes_as_infer_failed_reason(tmp_path):
    # operator.go inferFailedReason: the main container's failure wins; a
    # sidecar that exited non-zero by itself fails a node whose main succeeded
    # ("sidecar 'NAME' failed with exit code N"); 137/143 (killed when main
    # ended: executor.go KillSidecars sends SIGTERM) are ignored.
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - {name: sidecar-fails, template: sidecar-fails}
            - {name: main-fails, template: main-fails}
            - {name: terminated, template: terminated}
        - name: sidecar-fails
          container: {image: alpine, command: [sh, -c, "sleep 0.5; echo done"]}
          sidecars:
          - {name: bad, image: alpine, command: [sh, -c, "exit 5"]}
        - name: main-fails
          container: {image: alpine, command: [sh, -c, "sleep 0.3; exit 2"]}
          sidecars:
          - {name: bad, image: alpine, command: [sh, -c, "exit 5"]}
        - name: terminated
          container: {image: alpine, command: [sh, -c, "sleep 0.3; echo done"]}
          sidecars:
          - {name: server, image: alpine, command: [sleep, "60"]}
        """)
    assert code == 1, out
    n = by_display(report)
    assert n["sidecar-fails"]["phase"] == "Failed"
    assert n["sidecar-fails"]["message"] == "sidecar 'bad' failed with exit code 5"
    assert n["sidecar-fails"]["outputs"]["exitCode"] == "0"
    assert n["main-fails"]["phase"] == "Failed" and "exit code 2" in n["main-fails"]["message"]
    assert n["terminated"]["phase"] == "Succeeded", n["terminated"]


def test_sidecar_ignoring_sigterm_is_killed_after_the_grace_period(tmp_path):
    # A sidecar that ignores SIGTERM is killed when the grace period ends
    # (1 s here, docs/run_isolation.md; kubelet's is 30 s) and leaves no
    # process behind; its 137 does not fail the node.
    marker = f"flowc-deaf-{time.time_ns()}"
    start = time.monotonic()
    code, report, out = run_spec(tmp_path, f"""\
        entrypoint: main
        templates:
        - name: main
          container: {{image: alpine, command: [sh, -c, "until test -e /tmp/deaf; do sleep 0.05; done; echo done"]}}
          sidecars:
          - name: deaf
            image: alpine
            command: [python3, -c, "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); open('/tmp/deaf', 'w').close(); time.sleep(60)", {marker}]
        """)
    took = time.monotonic() - start
    assert code == 0, out
    assert 1.0 <= took < 20, (took, out)  # the grace period, then SIGKILL
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert marker not in ps


def test_sidecar_or_init_program_missing_on_host_is_refused(tmp_path):
    # As the main container's (E1210): the host executor runs the host's programs.
    code, report, out = run_spec(tmp_path, """\
        entrypoint: main
        templates:
        - name: main
          container: {image: alpine, command: [echo, hi]}
          initContainers:
          - {name: setup, image: busybox, command: [no-such-program-here]}
        """)
    assert code == 2 and report is None
    assert re.search(r"error: template 'main': the command 'no-such-program-here'.*\[E1210\]", out), out


# ---- containerSet: its containers start together (issue 21) ------------------

CONTAINER_SET_HEAD = """\
entrypoint: pod
templates:
- name: pod
  containerSet:
"""


def test_container_set_starts_independent_containers_together(tmp_path):
    # cmd/argoexec/commands/emissary.go: every container of the set starts
    # with the pod; only one with `dependencies` waits (waitForDependencies)
    # before its command. `a` and `b` each wait for the other's file: run one
    # after another they would never end (the --timeout would stop them).
    code, report, out = run_spec(tmp_path, CONTAINER_SET_HEAD + """\
    containers:
    - name: a
      image: alpine
      command: [sh, -c, "touch /tmp/a; until [ -e /tmp/b ]; do sleep 0.01; done; echo a-saw-b"]
    - name: b
      image: alpine
      command: [sh, -c, "touch /tmp/b; until [ -e /tmp/a ]; do sleep 0.01; done; echo b-saw-a"]
    - name: main
      image: alpine
      dependencies: [a, b]
      command: [sh, -c, "echo 7 > /tmp/out; echo main-ran"]
  outputs:
    parameters:
    - name: p
      valueFrom: {path: /tmp/out}
""", "--timeout", "20")
    assert code == 0, out
    n = by_display(report)
    pod = report["metadata"]["name"]
    assert n[pod]["outputs"]["result"] == "main-ran" and n[pod]["outputs"]["parameters"][0]["value"] == "7"
    for c in ("a", "b", "main"):
        assert n[c]["type"] == "Container" and n[c]["phase"] == "Succeeded" and n[c]["outputs"]["exitCode"] == "0"
    # container_set_template.go: a container without dependencies is a child
    # of the pod's node; one with dependencies, of each container it names.
    assert sorted(n[pod]["children"]) == sorted([n["a"]["id"], n["b"]["id"]])
    assert n["a"]["children"] == [n["main"]["id"]] and n["b"]["children"] == [n["main"]["id"]]
    assert "children" not in n["main"]


def test_container_set_failure_rules(tmp_path):
    # emissary.go waitForDependency: a dependency that exited non-zero ends
    # the waiting container without running its command ("dependency %q
    # exited with non-zero code: %d"), exit code 64 (exitCode := 64); an
    # independent container still runs. operator.go (the containerSet's
    # Container nodes from the pod's container statuses): 0 Succeeded, 64
    # Error, other codes Failed, message "%s: %s (exit code %d): %s". The pod
    # fails when any container failed; its outputs are still main's.
    code, report, out = run_spec(tmp_path, CONTAINER_SET_HEAD + """\
    containers:
    - name: a
      image: alpine
      command: [sh, -c, "echo a-out; exit 3"]
    - name: b
      image: alpine
      dependencies: [a]
      command: [sh, -c, "touch /tmp/b-ran"]
    - name: c
      image: alpine
      command: [sh, -c, "sleep 0.3; echo c-done"]
    - name: main
      image: alpine
      dependencies: [c]
      command: [sh, -c, "if [ -e /tmp/b-ran ]; then echo b-ran; else echo b-did-not-run; fi"]
""", "--timeout", "20")
    assert code == 1, out
    n = by_display(report)
    pod = report["metadata"]["name"]
    assert n["a"]["phase"] == "Failed" and n["a"]["message"] == "a: Error (exit code 3): "
    assert n["b"]["phase"] == "Error" and n["b"]["message"] == "b: Error (exit code 64): "
    assert n["c"]["phase"] == "Succeeded" and n["main"]["phase"] == "Succeeded"
    assert n[pod]["phase"] == "Failed" and n[pod]["message"] == "Error (exit code 3)"
    assert n[pod]["outputs"]["result"] == "b-did-not-run"
    assert 'dependency "a" exited with non-zero code: 3' in out


def test_container_set_retry_strategy_reruns_the_command_in_place(tmp_path):
    # container_set_template.go GetRetryStrategy: wait.Backoff{Steps:
    # retries, Duration: duration}; emissary.go runs the command under
    # retry.OnError with it: in the same container (the file it appends to
    # survives), until it exits 0, at most `retries` runs.
    body = CONTAINER_SET_HEAD + """\
    retryStrategy: {retries: RETRIES, duration: 10ms}
    containers:
    - name: main
      image: alpine
      command: [sh, -c, "echo run >> /tmp/n; [ $(wc -l < /tmp/n) -ge 3 ] || exit 5; echo ok"]
"""
    code, report, out = run_spec(tmp_path, body.replace("RETRIES", "3"), "--timeout", "20")
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] == "ok"
    code, report, out = run_spec(tmp_path, body.replace("RETRIES", "2"), "--timeout", "20")
    assert code == 1, out
    assert by_display(report)["main"]["message"] == "main: Error (exit code 5): "
