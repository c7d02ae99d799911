"""Workflows across files (issue 23): typed references from Workflows to
WorkflowTemplate classes of other modules, checked project-wide, through the
real native `flowc` command.

The project is tests/cases/project/shared/: two WorkflowTemplates
(flows/shared.py, and the cluster-scoped flows/tools.py) and two Workflows
calling them (flows/release.py, flows/nightly.py), with a pyproject.toml that
declares one template as deployed elsewhere. tests/cases/project/errors/ holds
callers with one mistake each, and the diagnostics a user sees for them
(FLOWC_REGEN=1 rewrites those; read the diff before committing).
"""
from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from conftest import CASES, FLOWC, REGEN, load_all

PROJECT = CASES / "project" / "shared"
ERRORS = CASES / "project" / "errors"
ERROR_CASES = sorted(ERRORS.glob("*.py"))


def flowc(*args, cwd):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture()
def project(tmp_path):
    """A copy of the project, to edit; compiled from its own folder."""
    dest = tmp_path / "proj"
    shutil.copytree(PROJECT, dest, ignore=shutil.ignore_patterns("expected*", ".flowc_cache", "__pycache__"))
    return dest


def by_name(docs):
    return {d["metadata"].get("name") or d["metadata"]["generateName"]: d for d in docs}


def test_project_compiles_as_a_whole(validate_argo):
    r = flowc("compile", "flows/", "--no-cache", cwd=PROJECT)
    assert r.returncode == 0, r.stderr
    want = PROJECT / "expected.yaml"
    if REGEN:
        want.write_text(r.stdout)
    assert r.stdout == want.read_text()
    docs = by_name(load_all(r.stdout))
    for d in docs.values():
        validate_argo(d)
    # The typed references carry the templates' real names.
    release = {t["name"]: t for t in docs["release-"]["spec"]["templates"][0]["dag"]["tasks"]}
    assert release["build"]["templateRef"] == {"name": "shared", "template": "build-image"}
    assert release["announce"]["templateRef"] == {"name": "cluster-tools", "template": "notify", "clusterScope": True}
    assert release["page"]["templateRef"] == {"name": "team-notify", "template": "page"}
    steps = docs["nightly-"]["spec"]["templates"][0]["steps"]
    assert steps[0][0]["templateRef"] == {"name": "shared", "template": "echo"}
    assert steps[0][0]["arguments"]["parameters"] == [{"name": "message", "value": "nightly run starting"}]
    assert docs["cluster-tools"]["kind"] == "ClusterWorkflowTemplate"
    # The external template is a note, not an error: said once, at its reference.
    assert "release.py:22:16: note: WorkflowTemplate 'team-notify' is declared external" in r.stderr, r.stderr
    assert "error" not in r.stderr


def test_one_file_alone_reads_the_templates_it_calls():
    r = flowc("compile", "flows/release.py", "--no-cache", cwd=PROJECT)
    assert r.returncode == 0, r.stderr
    (doc,) = load_all(r.stdout)
    assert doc["kind"] == "Workflow"


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda p: p.stem)
def test_error_at_the_caller_with_a_note_at_the_template(case, project):
    (project / "flows" / "caller.py").write_text(case.read_text())
    # Several files: one project, string references checked against all of them.
    r = flowc("compile", "flows/caller.py", "flows/shared.py", "flows/tools.py", "--no-cache", cwd=project)
    assert r.returncode == 1, r.stdout + r.stderr
    want = case.with_suffix(".err")
    if REGEN:
        want.write_text(r.stderr)
    assert r.stderr == want.read_text()
    assert "flows/caller.py:" in r.stderr.splitlines()[0]


def test_a_renamed_input_in_the_shared_file_fails_the_callers(project):
    shared = project / "flows" / "shared.py"
    shared.write_text(shared.read_text().replace('name="image"', 'name="image_ref"')
                      .replace("{{inputs.parameters.image}}", "{{inputs.parameters.image_ref}}")
                      .replace("def build_image(self, image, tag)", "def build_image(self, image_ref, tag)"))
    r = flowc("compile", "flows/", "--no-cache", cwd=project)
    assert r.returncode == 1
    assert "flows/release.py:11:35: error: argument parameter 'image' is not an input of template 'build-image' of WorkflowTemplate 'shared' [E1304]" in r.stderr, r.stderr
    assert "did you mean 'image_ref'?" in r.stderr
    assert "flows/shared.py:15:9: note: template 'build-image' of WorkflowTemplate 'shared' is defined here" in r.stderr
    assert "[E1305]" in r.stderr  # and the new name is missing


def test_external_templates_from_pyproject_or_the_command_line(project):
    (project / "pyproject.toml").write_text("[tool.flowc]\n")
    r = flowc("compile", "flows/", "--no-cache", cwd=project)
    assert r.returncode == 1
    assert "flows/release.py:22:16: error: " in r.stderr and "WorkflowTemplate 'team-notify' not found" in r.stderr, r.stderr
    r = flowc("compile", "flows/", "--no-cache", "--external-template", "team-notify", cwd=project)
    assert r.returncode == 0, r.stderr
    assert "note: WorkflowTemplate 'team-notify' is declared external" in r.stderr


def test_an_edit_to_the_shared_template_rechecks_its_callers_with_the_cache(project):
    """The stat index and the content cache key on the referenced files, as on base classes."""
    out = project / "out"
    first = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert first.returncode == 0, first.stderr
    again = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "4 up to date" in again.stderr, again.stderr
    before = (out / "release.yaml").read_text()
    tools = project / "flows" / "tools.py"
    tools.write_text(tools.read_text().replace('name="text"', 'name="body"').replace(
        "{{inputs.parameters.text}}", "{{inputs.parameters.body}}").replace("channel, text)", "channel, body)"))
    edited = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert edited.returncode == 1, edited.stderr
    assert "flows/release.py:16:29: error: argument parameter 'text' is not an input of template 'notify'" in edited.stderr, edited.stderr
    assert (out / "release.yaml").read_text() == before  # a failed input leaves its output as it was
    # Put back: compiles again, from the cache for what did not change.
    tools.write_text((PROJECT / "flows" / "tools.py").read_text())
    back = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert back.returncode == 0, back.stderr


def test_lint_of_a_folder_checks_template_refs_across_files(tmp_path):
    compiled = flowc("compile", "flows/", "--no-cache", "-o", str(tmp_path) + "/", cwd=PROJECT)
    assert compiled.returncode == 0, compiled.stderr
    r = flowc("lint", str(tmp_path), "--external-template", "team-notify", cwd=PROJECT)
    assert r.returncode == 0, r.stdout + r.stderr
    (tmp_path / "shared.yaml").unlink()
    r = flowc("lint", str(tmp_path), "--external-template", "team-notify", cwd=PROJECT)
    assert r.returncode == 1
    assert "WorkflowTemplate 'shared' not found" in r.stderr, r.stderr
