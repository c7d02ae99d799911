"""Argo's examples that sleep long, wait forever, contend for locks or need
what the host lacks (docs/run.md, "Argo's examples"): each is run as Argo
writes it where that takes seconds, else from a copy in the test's tmp
folder whose sleeps (and only those) are shortened, and its outcome is
compared with what Argo's controller gives it (the code named in each)."""
from __future__ import annotations

import re
import subprocess
import time

import pytest

from conftest import FLOWC, SHARED
from test_run import by_display, run_file

EXAMPLES = SHARED / "argo" / "examples"


def patched(tmp_path, name: str, *replacements: tuple[str, str]):
    """A copy of the example with each (old, new) replaced; every old text
    must be there (so that a changed example fails the test, not passes it)."""
    text = (EXAMPLES / f"{name}.yaml").read_text()
    for old, new in replacements:
        assert old in text, (name, old)
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    return path


def pods(report: dict) -> dict:
    return {name: n for name, n in by_display(report).items() if n["type"] == "Pod"}


def test_forever(tmp_path):
    # 1000 one-second iterations in Argo (Succeeded after ~17 minutes); here 3.
    path = patched(tmp_path, "forever", ("seq 1 1000", "seq 1 3"), ("sleep 1s", "sleep 0.1"))
    code, report, out = run_file(tmp_path, path)
    assert code == 0, out
    assert report["status"]["nodes"][next(iter(report["status"]["nodes"]))]["outputs"]["result"] == "1\n2\n3"


def test_colored_logs(tmp_path):
    # 99 one-second prints in Argo; here 3, escape codes kept in the output.
    path = patched(tmp_path, "colored-logs", ("range(1, 100)", "range(1, 4)"), ("time.sleep(1)", "time.sleep(0.05)"))
    code, report, out = run_file(tmp_path, path)
    assert code == 0, out
    result = by_display(report)[report["metadata"]["name"]]["outputs"]["result"]
    assert len(result.splitlines()) == 3


def test_loops_param_result(tmp_path):
    # withParam over a script's JSON list (steps.go expandStep): eleven
    # children sleep(20..30) named "sleep(i:20+i)"; the sleeps shortened to
    # 0.20..0.30 s.
    path = patched(tmp_path, "loops-param-result", ("sleep {{inputs.parameters.seconds}};", "sleep 0.{{inputs.parameters.seconds}};"))
    code, report, out = run_file(tmp_path, path)
    assert code == 0, out
    names = sorted(n for n in pods(report) if n.startswith("sleep("))
    assert names == sorted(f"sleep({i}:{20 + i})" for i in range(11))


@pytest.mark.parametrize("name", ["parallelism-limit", "parallelism-template-limit"])
def test_parallelism_limits(tmp_path, name):
    # spec.parallelism / template parallelism 2 (operator.go
    # checkParallelism): ten 10 s sleeps, at most two at a time. Shortened to
    # 0.3 s: at least five rounds, so >= 1.5 s.
    path = patched(tmp_path, name, ("sleep 10]", "sleep 0.3]"))
    t0 = time.monotonic()
    code, report, out = run_file(tmp_path, path)
    took = time.monotonic() - t0
    assert code == 0, out
    assert len([n for n in pods(report) if n.startswith("sleep(")]) == 10
    assert took >= 1.5, took


def test_parallelism_nested_dag(tmp_path):
    # A DAG of DAGs with parallelism 2 on the outer one; Argo: Succeeded.
    code, report, out = run_file(tmp_path, EXAMPLES / "parallelism-nested-dag.yaml", timeout=300)
    assert code == 0, out
    assert report["status"]["phase"] == "Succeeded"


def test_synchronization_db_mutex_tmpl_level(tmp_path):
    # Two database mutexes (welcome, test), five holders each: within one run
    # a database mutex excludes as an in-memory one does (workflow/sync);
    # Argo: Succeeded. Sleeps 20 s / 50 s shortened to 0.2 s / 0.3 s.
    path = patched(tmp_path, "synchronization-db-mutex-tmpl-level",
                   ("sleep 20;", "sleep 0.2;"), ("sleep 50;", "sleep 0.3;"))
    t0 = time.monotonic()
    code, report, out = run_file(tmp_path, path)
    took = time.monotonic() - t0
    assert code == 0, out
    assert len(pods(report)) == 10
    assert took >= 5 * 0.3  # the five "test" holders one after another


def test_dag_task_level_timeout(tmp_path):
    # Template timeout from a parameter (operator.go: the pod's deadline): A
    # (20 s) and C (20 s) outlive their 15 s sleep, B (10 s) does not; Argo:
    # B Failed, the DAG and the workflow Failed. Times divided by ten.
    path = patched(tmp_path, "dag-task-level-timeout", ('value: "20s"', 'value: "2s"'), ('value: "10s"', 'value: "1s"'),
                   ('command: [sleep, "15s"]', 'command: [sleep, "1.5"]'))
    code, report, out = run_file(tmp_path, path)
    assert code == 1, out
    p = pods(report)
    assert p["A"]["phase"] == "Succeeded" and p["C"]["phase"] == "Succeeded"
    assert p["B"]["phase"] == "Failed"
    assert report["status"]["phase"] == "Failed"


def test_step_level_timeout(tmp_path):
    # Both steps outlive their timeout and fail (Failed, not Error: a pod past
    # its activeDeadlineSeconds fails); sleep1 continues only on error, so the
    # group fails (steps.go executeStepGroup); Argo: Failed. 10 s / 30 s -> 1 s / 3 s.
    path = patched(tmp_path, "step-level-timeout", ('value: "10s"', 'value: "1s"'), ('"sleep 30s"', '"sleep 3"'))
    code, report, out = run_file(tmp_path, path)
    assert code == 1, out
    p = pods(report)
    assert p["sleep1"]["phase"] == "Failed" and p["sleep2"]["phase"] == "Failed"
    assert report["status"]["phase"] == "Failed"


def test_suspend_template_outputs(tmp_path):
    # An indefinite suspend with a supplied output: Argo waits for `argo
    # resume`/`argo node set`; flowc's --resume with -p gives the value.
    code, report, out = run_file(tmp_path, EXAMPLES / "suspend-template-outputs.yaml", "--resume", "-p", "message=shipped")
    assert code == 0, out
    assert pods(report)["release"]["outputs"]["result"] == "shipped"
    code, report, out = run_file(tmp_path, EXAMPLES / "suspend-template-outputs.yaml")
    assert code == 1 and "--resume" in by_display(report)["approve"]["message"]


def test_exit_handler_slack(tmp_path):
    # curl to the placeholder YOUR_WEBHOOK_URL_HERE cannot resolve anywhere,
    # so the exit handler fails; operator.go: a Succeeded workflow whose exit
    # node failed takes the exit node's phase and message.
    code, report, out = run_file(tmp_path, EXAMPLES / "exit-handler-slack.yaml")
    assert code == 1, out
    exit_node = by_display(report)[report["metadata"]["name"] + ".onExit"]
    assert exit_node["phase"] == "Failed"
    assert report["status"]["phase"] == "Failed"
    assert report["status"]["message"] == exit_node["message"]


def test_pod_gc_strategy(tmp_path):
    # podGC only deletes pods afterwards; the step "fail" exits 1: Argo Failed.
    code, report, out = run_file(tmp_path, EXAMPLES / "pod-gc-strategy.yaml")
    assert code == 1, out
    p = pods(report)
    assert p["fail"]["phase"] == "Failed" and p["succeed"]["phase"] == "Succeeded"


def test_loops_arbitrary_sequential_steps(tmp_path):
    # parallelism 1 + failFast on a steps template: the children run one at a
    # time; the fourth exits 1 and the later ones never start (steps.go
    # executeStepGroup with failFast); Argo: Failed.
    code, report, out = run_file(tmp_path, EXAMPLES / "loops-arbitrary-sequential-steps.yaml")
    assert code == 1, out
    p = pods(report)
    ran = sorted(n for n in p if n.startswith("unit-step("))
    assert [p[n]["phase"] for n in ran[:3]] == ["Succeeded"] * 3
    assert p[ran[3]]["phase"] == "Failed"


def test_artifact_passing_subpath(tmp_path):
    # An output artifact that is a folder (/tmp/), passed whole and by
    # subPath (hello_world.txt); Argo: Succeeded, the last step prints the file.
    code, report, out = run_file(tmp_path, EXAMPLES / "artifact-passing-subpath.yaml")
    assert code == 0, out
    assert pods(report)["consume-artifact"]["outputs"]["result"] == "hello world"


@pytest.mark.parametrize("should_print,phase", [("true", "Succeeded"), ("false", "Skipped")])
def test_conditionals(tmp_path, should_print, phase):
    # The three `when`s (govaluate after substitution, expr with brackets,
    # expr with jsonpath over workflow.parameters.json; operator.go
    # shouldExecute) agree: all steps run, or all are Skipped. The steps run
    # `cowsay`, which Argo's image has and this host does not (unpatched:
    # exit 127, Failed); the copy echoes instead.
    path = patched(tmp_path, "conditionals", ('args: ["cowsay hello"]', 'args: ["echo hello"]'))
    code, report, out = run_file(tmp_path, path, "-p", f"should-print={should_print}")
    assert code == 0, out
    nodes = by_display(report)
    steps = ["print-hello-govaluate", "print-hello-expr", "print-hello-expr-json"]
    assert [nodes[s]["phase"] for s in steps] == [phase] * 3
