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
withsequence-nested-result""".split()

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
    "cron-workflow-multiple-schedules": "E1210", "fun-with-gifs": "E1210", "hello-windows": "E1210",
    "intermediate-parameters": "E1210",  # sidecar-dind: its sidecar's dockerd-entrypoint.sh
    "daemon-step": "E1263", "dag-daemon-task": "E1263", "dag-daemon-retry-strategy": "E1263",
    "steps-daemon-retry-strategy": "E1263", "daemoned-stateful-set-with-service": "E1204",
    "http-success-condition": "E1261", "k8s-patch-json-pod": "E1204",
    "k8s-patch-merge-pod": "E1204", "k8s-patch-pod": "E1204", "k8s-resource-log-selector": "E1204",
    "k8s-set-owner-reference": "E1204", "k8s-wait-wf": "E1204", "sidecar-dind": "E1210",
    "synchronization-db-tmpl-level": "E1204", "synchronization-tmpl-level": "E1204",
    "global-parameters-from-configmap": "E1209", "cron-backfill": "E1201", "dag-inline-cronworkflow": "E1206",
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
