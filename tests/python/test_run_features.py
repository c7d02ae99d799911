"""flowc run end to end for what had no such test (issue 21): mutexes,
memoize, retry backoff / expression / retryPolicy, task-level onExit,
--logs, the live terminal view (under a real pty) and plain lines, the
[tool.flowc.run] python setting, --keep, and the expr language in the two
Argo examples that need it. Real `flowc run`, real processes; each check
names the controller code it follows (argoproj/argo-workflows v4.1.2)."""
from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import time
from pathlib import Path

import pytest

from conftest import FLOWC, SHARED
from test_run import HEAD, by_display, flowc_run, fnv32a, params, run_file

ARGO_EXAMPLES = SHARED / "argo" / "examples"

# A script node that prints when it started and ended (time.time(), on the
# host's clock: nodes share no files, so the times go through the result).
TIMED = """\
      - name: timed
        inputs: {parameters: [{name: tag, value: x}]}
        script:
          image: python:3.12
          command: [python3]
          source: |
            import time
            t0 = time.time(); time.sleep(0.4); print(t0, time.time())
"""


def intervals(report: dict, prefix: str) -> list[tuple[float, float]]:
    out = []
    for name, n in by_display(report).items():
        if name.startswith(prefix) and n["type"] == "Pod":
            a, b = n["outputs"]["result"].split()
            out.append((float(a), float(b)))
    return sorted(out)


def test_mutex_serialises_contending_steps(tmp_path):
    # A mutex (template-level synchronization.mutexes, Argo 4's form) held by
    # two groups of steps from different templates: no two holders overlap
    # (workflow/sync: one holder of a mutex at a time), all Succeed.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: a, template: locked-a, withItems: [1, 2, 3]}
          - {name: b, template: locked-b, withItems: [1, 2]}
      - name: locked-a
        inputs: {parameters: [{name: tag, value: x}]}
        synchronization: {mutexes: [{name: shared}]}
        script: {image: python:3.12, command: [python3], source: "import time\\nt0 = time.time(); time.sleep(0.4); print(t0, time.time())"}
      - name: locked-b
        inputs: {parameters: [{name: tag, value: x}]}
        synchronization: {mutexes: [{name: shared}]}
        script: {image: python:3.12, command: [python3], source: "import time\\nt0 = time.time(); time.sleep(0.4); print(t0, time.time())"}
    """)
    assert code == 0, out
    spans = intervals(report, "a(") + intervals(report, "b(")
    spans.sort()
    assert len(spans) == 5
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, f"mutex holders overlap: {spans}"
    assert spans[-1][1] - spans[0][0] >= 5 * 0.4


def test_without_mutex_the_same_steps_overlap(tmp_path):
    # The control for the test above: without synchronization the group's
    # steps run in parallel (steps.go executeStepGroup), so the check can fail.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: a, template: timed, withItems: [1, 2, 3]}
    """.rstrip(" ") + TIMED)
    assert code == 0, out
    spans = intervals(report, "a(")
    assert any(e1 > s2 for (s1, e1), (s2, e2) in zip(spans, spans[1:])), spans


def test_memoize_serves_the_second_node_from_the_store(tmp_path):
    # operator.go executeTemplate: with memoize, a key already in the cache
    # gives a cache-hit node (initializeCacheHitNode: Succeeded, the cached
    # outputs, memoizationStatus {hit: true, key, cacheName: the configMap's
    # name}); the first node records {hit: false}. The script prints a random
    # number, so equal results prove the second did not run.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: first, template: rand, arguments: {parameters: [{name: k, value: same}]}}
        - - {name: second, template: rand, arguments: {parameters: [{name: k, value: same}]}}
        - - {name: other, template: rand, arguments: {parameters: [{name: k, value: different}]}}
      - name: rand
        inputs: {parameters: [{name: k}]}
        memoize:
          key: "rand-{{inputs.parameters.k}}"
          cache: {configMap: {name: my-cache}}
        script: {image: python:3.12, command: [python3], source: "import uuid; print(uuid.uuid4())"}
    """)
    assert code == 0, out
    n = by_display(report)
    assert n["first"]["memoizationStatus"] == {"hit": False, "key": "rand-same", "cacheName": "my-cache"}
    assert n["second"]["memoizationStatus"] == {"hit": True, "key": "rand-same", "cacheName": "my-cache"}
    assert n["second"]["phase"] == "Succeeded"
    assert n["second"]["outputs"]["result"] == n["first"]["outputs"]["result"]
    assert n["other"]["memoizationStatus"]["hit"] is False
    assert n["other"]["outputs"]["result"] != n["first"]["outputs"]["result"]


FAIL = """\
      - name: fail
        container: {image: alpine, command: [sh, -c, "exit 1"]}
"""


def test_retry_backoff_waits_duration_times_factor(tmp_path):
    # operator.go processNodeRetries: timeToWait = duration *
    # factor^(attempts-1) after the last attempt finished: 1 s then 2 s
    # before "No more retries left" with limit 2 (three attempts).
    t0 = time.monotonic()
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: fail
      templates:
      - name: fail
        retryStrategy: {limit: 2, backoff: {duration: "1", factor: 2}}
        container: {image: alpine, command: [sh, -c, "exit 1"]}
    """)
    took = time.monotonic() - t0
    assert code == 1, out
    n = by_display(report)
    root = n[report["metadata"]["name"]]
    assert root["type"] == "Retry" and root["message"] == "No more retries left"
    assert len(root["children"]) == 3
    assert 3.0 <= took < 3.0 + 4.0, took  # 1 + 2 s of backoff; the rest is the runner


def test_retry_backoff_max_duration_stops_early(tmp_path):
    # processNodeRetries: a wait that would end after maxDuration (from the
    # first attempt's start) ends the node: "Backoff would exceed max
    # duration limit", with the last attempt's phase. Attempt 0 fails at
    # ~0 s, waits 1 s, attempt 1 fails at ~1 s; the next wait (2 s) would end
    # past 2.5 s.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: fail
      templates:
      - name: fail
        retryStrategy: {limit: 5, backoff: {duration: "1", factor: 2, maxDuration: "2500ms"}}
        container: {image: alpine, command: [sh, -c, "exit 1"]}
    """)
    assert code == 1, out
    root = by_display(report)[report["metadata"]["name"]]
    assert root["phase"] == "Failed"
    assert root["message"] == "Backoff would exceed max duration limit"
    assert len(root["children"]) == 2


def test_retry_expression_and_last_retry(tmp_path):
    # processNodeRetries: the expression (over lastRetry.exitCode/status/...)
    # is read after the policy and the limit; false ends the node with
    # "retryStrategy.expression evaluated to false". Exit codes 2 then 3:
    # the expression retries on 2 only.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: flaky
      templates:
      - name: flaky
        retryStrategy: {limit: 5, expression: "asInt(lastRetry.exitCode) == 2 && lastRetry.status == 'Failed'"}
        container: {image: alpine, command: [sh, -c, "exit $(( {{retries}} + 2 ))"]}
    """)
    assert code == 1, out
    root = by_display(report)[report["metadata"]["name"]]
    assert root["message"] == "retryStrategy.expression evaluated to false"
    kids = [report["status"]["nodes"][c] for c in root["children"]]
    assert [k["outputs"]["exitCode"] for k in kids] == ["2", "3"]


@pytest.mark.parametrize("policy,attempts,message", [
    # OnError: a Failed attempt is "not set to be retried": the node ends
    # with the attempt's own message after one attempt.
    ("OnError", 1, "Error (exit code 1)"),
    # Always and OnFailure retry a Failed attempt up to the limit.
    ("Always", 3, "No more retries left"),
    ("OnFailure", 3, "No more retries left"),
])
def test_retry_policies(tmp_path, policy, attempts, message):
    code, report, out = flowc_run(tmp_path, HEAD + f"""\
      entrypoint: fail
      templates:
      - name: fail
        retryStrategy: {{limit: 2, retryPolicy: {policy}}}
        container: {{image: alpine, command: [sh, -c, "exit 1"]}}
    """)
    assert code == 1, out
    root = by_display(report)[report["metadata"]["name"]]
    assert root["phase"] == "Failed"
    assert len(root["children"]) == attempts
    assert root["message"] == message


def test_task_level_on_exit_runs_before_dependents(tmp_path):
    # dag.go executeDAGTask / operator.go runOnExitNode: a task's onExit runs
    # as "<task node>.onExit" once the task ends (also when it fails), and a
    # task that depends on it starts only after the exit handler completed
    # (dag.go: the task's node is not complete while its onExit node runs).
    # C depends on B so that C's failure (failFast) comes after the others.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        dag:
          tasks:
          - {name: A, template: timed, onExit: cleanup}
          - {name: B, template: timed, depends: A}
          - {name: C, template: fail, depends: B, onExit: cleanup}
      - name: cleanup
        script:
          image: python:3.12
          command: [python3]
          source: |
            import time
            t0 = time.time(); time.sleep(0.4); print(t0, time.time())
    """.rstrip(" ") + TIMED + FAIL)
    assert code == 1, out  # C fails
    wf = report["metadata"]["name"]
    nodes = {n["name"]: n for n in report["status"]["nodes"].values()}
    a_exit, c_exit = nodes[f"{wf}.A.onExit"], nodes[f"{wf}.C.onExit"]
    assert a_exit["phase"] == "Succeeded" and c_exit["phase"] == "Succeeded"
    assert nodes[f"{wf}.C"]["phase"] == "Failed"
    assert a_exit["displayName"] == "A.onExit"
    exit_end = float(a_exit["outputs"]["result"].split()[1])
    b_start = float(nodes[f"{wf}.B"]["outputs"]["result"].split()[0])
    assert exit_end <= b_start


def test_logs_prefix_each_line_with_the_pod_name(tmp_path):
    # argo logs (cmd/argo/commands/logs.go): fmt.Sprintf("%s: %s",
    # event.PodName, event.Content); the pod name is
    # "<workflow>-<template>-<fnv32a(node name)>" (v2 pod names).
    wf = tmp_path / "wf.yaml"
    wf.write_text(HEAD.replace("generateName: t-", "name: logs") + """\
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: one, template: say}
  - name: say
    container: {image: alpine, command: [sh, -c, "echo first; echo second >&2; printf third"]}
""")
    p = subprocess.run([*FLOWC, "run", str(wf), "--logs"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
    pod = f"logs-say-{fnv32a('logs[0].one')}"
    lines = p.stdout.splitlines()
    for text in ("first", "second", "third"):
        assert f"{pod}: {text}" in lines, p.stdout


LIVE = HEAD + """\
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: a, template: nap}
    - - {name: b, template: nap}
    - - {name: c, template: nap}
  - name: nap
    container: {image: alpine, command: [sleep, "0.4"]}
"""


def run_under_pty(args: list[str], timeout: float = 60) -> tuple[int, str]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: flowc with the pty as its terminal
        os.execvp(args[0], args)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    _, st = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(st), b"".join(chunks).decode(errors="replace")


def test_live_view_redraws_on_a_terminal(tmp_path):
    # On a terminal the node tree is redrawn in place (cursor up + clear:
    # ESC[<n>F ESC[J) as nodes change, and the run ends with the summary.
    wf = tmp_path / "wf.yaml"
    wf.write_text(LIVE)
    code, text = run_under_pty([*FLOWC, "run", str(wf)])
    assert code == 0, text
    assert re.search(r"\x1b\[\d+F\x1b\[J", text), text
    assert text.count("\x1b[J") >= 2  # redrawn more than once
    # The last drawing, colours removed: the whole tree (the step groups
    # under the Steps node, flat as argo watch shows them) and the summary.
    tail = re.sub(r"\x1b\[[0-9;]*m", "", text[text.rfind("\x1b[J"):])
    assert re.search(r"^Workflow t-\w+ Succeeded in \d", tail, re.M), tail
    for group, step in enumerate("abc"):
        assert re.search(rf"✔ \[{group}\]\r?\n.*└─ ✔ {step}  nap  \d", tail), tail


def test_plain_lines_when_not_a_terminal(tmp_path):
    # Not a terminal: one line per node as it finishes, no escape sequences.
    code, report, out = flowc_run(tmp_path, LIVE)
    assert code == 0, out
    assert "\x1b[" not in out
    wf = report["metadata"]["name"]
    for step in ("a", "b", "c"):
        assert re.search(rf"^✔ {re.escape(wf)}\[\d\]\.{step}  Succeeded", out, re.M), out
    assert re.search(rf"^Workflow {re.escape(wf)} Succeeded in ", out, re.M), out


def test_pyproject_python_chooses_the_script_interpreter(tmp_path):
    # [tool.flowc.run] python = ... in the file's pyproject.toml: what
    # `python3` runs (docs/run.md); here pyenv's 3.9, not flowc's own 3.11.
    py39 = Path.home() / ".pyenv" / "versions" / "3.9.18" / "bin" / "python3.9"
    if not py39.exists():
        pytest.skip("pyenv's 3.9.18 is not installed here")
    (tmp_path / "pyproject.toml").write_text(f'[tool.flowc.run]\npython = "{py39}"\n')
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        script: {image: python:3.9, command: [python3], source: "import sys; print(sys.version_info[:2])"}
    """)
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] == "(3, 9)"
    (tmp_path / "pyproject.toml").write_text("[tool.flowc]\n")  # no setting: flowc's environment's python
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        script: {image: python:3.9, command: [python3], source: "import sys; print(sys.version_info[:2])"}
    """)
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] != "(3, 9)"


def test_keep_keeps_the_work_folder_and_says_where(tmp_path):
    yaml_text = HEAD + """\
      entrypoint: main
      templates:
      - name: main
        container: {image: alpine, command: [sh, -c, "echo kept"]}
    """
    code, report, out = flowc_run(tmp_path, yaml_text, "--keep")
    assert code == 0, out
    m = re.search(r"^Work folder kept: (.+)$", out, re.M)
    assert m, out
    kept = Path(m.group(1))
    assert kept.is_dir() and any(kept.rglob("*"))
    code, report, out = flowc_run(tmp_path, yaml_text)
    assert code == 0 and "Work folder kept" not in out


def test_dry_run_prints_resolved_parameters(tmp_path):
    wf = tmp_path / "wf.yaml"
    wf.write_text(HEAD + """\
  arguments: {parameters: [{name: who, value: world}, {name: count, value: "1"}]}
  entrypoint: main
  templates:
  - name: main
    container: {image: alpine, command: [echo, "{{workflow.parameters.who}}"]}
""")
    p = subprocess.run([*FLOWC, "run", str(wf), "--dry-run", "-p", "who=flowc"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "who = flowc" in p.stdout and "count = 1" in p.stdout


# The two Argo examples whose expressions need jsonpath filters, slices,
# map with a closure, map literals, sprig.add/min/max/b64dec and toJson.
# What Argo prints: util/template/expression_template.go writes the %v of
# each result (jsonpath gives float64 numbers and Go lists/maps).
@pytest.mark.parametrize("name,result", [
    ("expression-destructure-json-complex", "[43][43][map[age:43 name:Baris]][Baris Mo Jai]"),
    ("expression-reusing-verbose-snippets",
     "The week's average temperature was 35.8 with a minimum of 15 and a maximum of 57."),
])
def test_argo_expression_examples(tmp_path, name, result):
    code, report, out = run_file(tmp_path, ARGO_EXAMPLES / f"{name}.yaml")
    assert code == 0, out
    root = by_display(report)[report["metadata"]["name"]]
    assert root["outputs"]["result"] == result


def test_template_with_two_types_is_refused(tmp_path):
    # validate.go validateTemplateType: "multiple template types specified".
    # A mis-indented block (here a script under a steps template) must not
    # run one of the two: refused before anything runs, exit 2, by Argo's
    # validator (E0708 at validate.go:651-654, as flowc lint), which runs
    # before the run's own checks (E1240 is not repeated).
    marker = tmp_path / "ran"
    code, report, out = flowc_run(tmp_path, HEAD + f"""\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {{name: a, template: main}}
        script: {{image: alpine, command: [sh], source: "touch {marker}"}}
    """)
    assert code == 2 and report is None, out
    assert re.search(r"wf\.yaml:8:9: error: templates\.main multiple template types specified.*\[E0708\]", out), out
    assert "[E1240]" not in out
    assert not marker.exists()
