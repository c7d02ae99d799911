"""Argo's own examples (../shared/argo/examples, nobody wrote them for flowc)
through the installed `flowc run`: those that can run on the host reach the
phase Argo's controller gives them; the others are refused before anything
runs (exit 2) with the diagnostic that says why. docs/run.md has the table."""
from __future__ import annotations

import json
import re
import subprocess

import pytest

from conftest import FLOWC, SHARED
from test_run import by_display

EXAMPLES = SHARED / "argo" / "examples"

# Argo gives these Succeeded (they do not fail on purpose), and they need
# nothing the host lacks. Random ones (custom-metrics, retry-* with random
# exits) are left out: their phase is chance.
SUCCEEDED = """archive-location arguments-parameters artifact-disable-archive artifact-passing-explicit-plugin
coinflip coinflip-recursive conditional-parameters continue-on-fail cron-when dag-coinflip
dag-conditional-parameters dag-diamond dag-enhanced-depends dag-multiroot dag-nested dag-targets
default-pdb-support dns-config exit-code-output-variable exit-handler-with-artifacts exit-handler-with-param
expression-destructure-json fibonacci-seq-conditional-param gc-ttl global-outputs global-parameters
handle-large-output-results hello-world init-container input-artifact-raw loops-dag loops-maps loops-sequence node-selector
output-artifact-s3 output-parameter parameter-aggregation parameter-aggregation-dag parameter-aggregation-script
pod-metadata pod-resources pod-spec-yaml-patch recursive-for-loop scripts-python status-reference
synchronization-mutex-wf-level synchronization-wf-level template-on-exit title-and-description-with-markdown
withsequence-nested-result volumes-pvc volumes-existing""".split()

# Argo gives these Failed: a step fails on purpose (exit-handlers'
# intentional-fail; dag-continue-on-fail's E without continueOn, so G is
# Omitted on a Failed branch: dag.go assessDAGPhase) or a deadline passes.
FAILED = ["exit-handlers", "dag-continue-on-fail", "timeouts-step"]

# Refused before anything runs, with the code that says why.
REFUSED = {
    "artifactory-artifact": "E1207", "ci-output-artifact": "E1207", "ci-workflowtemplate": "E1207", "ci": "E1207",
    "hdfs-artifact": "E1207", "influxdb-ci": "E1207", "input-artifact-azure": "E1207", "input-artifact-git": "E1207",
    "input-artifact-http": "E1207", "input-artifact-s3": "E1207", "map-reduce": "E1207",
    "webhdfs-input-output-artifacts": "E1207",
    "artifacts-workflowtemplate": "E1205", "dag-inline-workflow": "E1205", "dag-inline-workflowtemplate": "E1205",
    "dag-inline-clusterworkflowtemplate": "E1205", "key-only-artifact": "E1205", "label-value-from-workflow": "E1205",
    "expression-tag-template-workflow": "E1205",
    "cron-workflow-multiple-schedules": "E1210", "hello-windows": "E1210",
    "intermediate-parameters": "E1210",  # sidecar-dind: its sidecar's dockerd-entrypoint.sh
    "daemon-step": "E1205", "dag-daemon-task": "E1205", "dag-daemon-retry-strategy": "E1210",
    "steps-daemon-retry-strategy": "E1210", "daemoned-stateful-set-with-service": "E1204",
    "http-success-condition": "E1261", "k8s-patch-json-pod": "E1204",
    "k8s-patch-merge-pod": "E1204", "k8s-patch-pod": "E1204", "k8s-resource-log-selector": "E1204",
    "k8s-set-owner-reference": "E1204", "k8s-wait-wf": "E1204", "sidecar-dind": "E1210",
    "synchronization-db-tmpl-level": "E1223", "synchronization-tmpl-level": "E1223",
    "global-parameters-from-configmap": "E1209", "cron-backfill": "E1201", "dag-inline-cronworkflow": "E1206",
    # Argo would start these and end them in Error (no ConfigMap simple-parameters
    # in the cluster; an http download): refused before running instead.
    "arguments-parameters-from-configmap": "E1222", "arguments-artifacts": "E1207",
    # Argo's validator before the run (as flowc lint): its generateName, written
    # under labels, is a label value ending in '-', which the API server refuses.
    "fun-with-gifs": "E0717",
    # a PersistentVolumeClaim for volumes-existing, not a workflow
    "testvolume": "E1201",
}


def run(name: str, tmp_path):
    report = tmp_path / "r.json"
    p = subprocess.run([*FLOWC, "run", str(EXAMPLES / f"{name}.yaml"), "-q", "--report", str(report),
                        "--timeout", "60"], capture_output=True, text=True, timeout=120)
    return p, json.loads(report.read_text()) if report.exists() else None


@pytest.mark.parametrize("name", SUCCEEDED)
def test_succeeds_as_in_argo(name, tmp_path):
    p, report = run(name, tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert report["status"]["phase"] == "Succeeded"


@pytest.mark.parametrize("name", FAILED)
def test_fails_as_in_argo(name, tmp_path):
    p, report = run(name, tmp_path)
    assert p.returncode == 1, p.stdout + p.stderr
    assert report["status"]["phase"] == "Failed"


@pytest.mark.parametrize("name,code", sorted(REFUSED.items()))
def test_refused_with_why(name, code, tmp_path):
    p, report = run(name, tmp_path)
    assert p.returncode == 2 and report is None, p.stdout + p.stderr
    assert re.search(rf"{re.escape(name)}\.yaml:\d+:\d+: error: .*\[{code}\]", p.stderr), p.stderr


def test_template_defaults_as_in_argo(tmp_path):
    # spec.templateDefaults (timeout 30s, retryStrategy limit 2) merged into
    # every template (operator.go executeTemplate: mergedTemplateDefaultsInto):
    # the steps template and both pods are Retry nodes. retry-backoff exits
    # 1 with probability 2/3, so the phase is chance: Succeeded when one of
    # its three tries (in some try of main) succeeded, else Failed.
    p, report = run("template-defaults", tmp_path)
    assert p.returncode in (0, 1) and report is not None, p.stdout + p.stderr
    nodes = list(report["status"]["nodes"].values())
    wf = report["metadata"]["name"]
    entry = next(n for n in nodes if n["name"] == wf)
    assert entry["type"] == "Retry"
    assert any(n["displayName"] == "retry-backoff" for n in nodes)
    for n in nodes:
        if n["displayName"] in ("retry-backoff", "hello-world"):
            assert n["type"] == "Retry", n
        if n["displayName"].startswith("retry-backoff("):
            assert n["type"] == "Pod" and n["phase"] in ("Succeeded", "Failed")
    assert report["status"]["phase"] == ("Succeeded" if p.returncode == 0 else "Failed")
    if p.returncode == 0:
        assert any(n["displayName"] == "hello-world" and n["phase"] == "Succeeded" for n in nodes)


@pytest.mark.parametrize("name", ["conditional-artifacts", "dag-conditional-artifacts"])
def test_conditional_artifacts_as_in_argo(name, tmp_path):
    # scope.go resolveArtifact: the main template's output artifact comes from
    # its fromExpression: the heads step's artifact when the coin said heads,
    # else the tails step's (the other step is Skipped by its `when`).
    report_path = tmp_path / "r.json"
    p = subprocess.run([*FLOWC, "run", str(EXAMPLES / f"{name}.yaml"), "-q", "--report", str(report_path),
                        "--work-dir", str(tmp_path / "work"), "--timeout", "60"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    report = json.loads(report_path.read_text())
    n = by_display(report)
    coin = n["flip-coin"]["outputs"]["result"]
    assert coin in ("heads", "tails")
    assert n["tails" if coin == "heads" else "heads"]["phase"] == "Skipped"
    main = next(x for x in report["status"]["nodes"].values() if x["name"] == report["metadata"]["name"])
    art = {a["name"]: a for a in main["outputs"]["artifacts"]}["result"]
    with open(art["localPath"]) as f:
        assert f.read() == f"it was {coin}"


def test_semaphore_example_with_its_limit(tmp_path):
    # synchronization-tmpl-level with the limit its ConfigMap would hold given
    # on the command line: the five 10 s nodes share the semaphore.
    report_path = tmp_path / "r.json"
    p = subprocess.run([*FLOWC, "run", str(EXAMPLES / "synchronization-tmpl-level.yaml"), "-q", "--report",
                        str(report_path), "--semaphore", "my-config/template=5", "--timeout", "60"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    report = json.loads(report_path.read_text())
    pods = [n for n in report["status"]["nodes"].values() if n["type"] == "Pod"]
    assert len(pods) == 5 and all(n["outputs"]["result"] == "acquired lock" for n in pods)
