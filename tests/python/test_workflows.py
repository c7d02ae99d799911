"""The GitHub workflows (.github/workflows/), which cannot run here: each is
checked against the GitHub workflow JSON schema that check-jsonschema ships
(schemastore's, `--builtin-schema vendor.github-workflows`; actionlint is not
on PyPI as a wheel), and read for what the release and CI must do."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
CHECK = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]


def schema_check(*paths):
    return subprocess.run([*CHECK, *map(str, paths)], capture_output=True, text=True)


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_workflow_matches_githubs_schema(name):
    r = schema_check(WORKFLOWS / name)
    assert r.returncode == 0, r.stdout + r.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    """The check can fail: a job without runs-on, a step with an unknown key."""
    doc = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())
    del doc["jobs"]["test"]["runs-on"]
    doc["jobs"]["test"]["steps"][0]["runn"] = doc["jobs"]["test"]["steps"][0].pop("run")
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(doc))
    r = schema_check(bad)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "runs-on" in r.stdout or "runs-on" in r.stderr


def steps_text(job) -> str:
    return "\n".join(s.get("run", "") for s in job["steps"])


def test_ci_runs_the_repositorys_test_command():
    doc = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())
    (job,) = doc["jobs"].values()
    assert "bash .ci/run" in steps_text(job)
    assert job["timeout-minutes"] <= 90
    assert "--privileged" in job["container"]["options"]  # test_wheel.py's unshare -m


def test_release_builds_both_architectures_and_the_sdist():
    doc = yaml.safe_load((WORKFLOWS / "release.yml").read_text())
    on = doc.get("on", doc.get(True))  # PyYAML reads the key `on` as True
    assert on["push"]["tags"] == ["v*"]
    wheels = doc["jobs"]["wheels"]
    assert {m["arch"] for m in wheels["strategy"]["matrix"]["include"]} == {"x86_64", "aarch64"}
    assert "cibuildwheel==" in steps_text(wheels)
    assert "build --sdist" in steps_text(doc["jobs"]["sdist"])
    assert set(doc["jobs"]["publish"]["needs"]) == {"wheels", "sdist"}
