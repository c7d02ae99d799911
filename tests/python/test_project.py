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
import time

import pytest
import yaml

from conftest import CASES, FLOWC, REGEN, load_all

PROJECT = CASES / "project" / "shared"
ERRORS = CASES / "project" / "errors"
ERROR_CASES = sorted(ERRORS.glob("*.py"))
RACY_SECONDS = 2.1  # compiler/batch/file_stamp.h: kRacyWindowNs, and a little more


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
    assert "release.py:22:41: note: WorkflowTemplate 'team-notify' is declared external" in r.stderr, r.stderr
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
    assert "flows/release.py:11:23: error: task 'build' calls template 'build-image' of WorkflowTemplate 'shared' without its input parameter 'image_ref' [E1305]" in r.stderr
    assert "flows/shared.py:15:9: note: template 'build-image' of WorkflowTemplate 'shared' is defined here" in r.stderr
    assert "release.py" in r.stderr and "nightly.py" not in r.stderr  # nightly calls only echo, unchanged


def test_external_templates_from_pyproject_or_the_command_line(project):
    (project / "pyproject.toml").write_text("[tool.flowc]\n")
    r = flowc("compile", "flows/", "--no-cache", cwd=project)
    assert r.returncode == 1
    assert "flows/release.py:22:41: error: " in r.stderr and "WorkflowTemplate 'team-notify' not found" in r.stderr, r.stderr
    r = flowc("compile", "flows/", "--no-cache", "--external-template", "team-notify", cwd=project)
    assert r.returncode == 0, r.stderr
    assert "note: WorkflowTemplate 'team-notify' is declared external" in r.stderr


def up_to_date(stderr: str) -> int:
    """N from -v's line "flowc: N up to date (...)"."""
    for line in stderr.splitlines():
        if line.startswith("flowc: ") and " up to date (" in line:
            return int(line.split()[1])
    raise AssertionError("no up-to-date line in: " + stderr)


def test_an_edit_to_the_shared_template_rechecks_its_callers_with_the_cache(project):
    """The stat index and the content cache key on the referenced files, as on
    base classes. nightly.py is clean, so the stat index records it (release.py
    prints a note on every run, so it is never skipped): if its record did not
    name flows/tools.py, the edit below would leave it "up to date"."""
    out = project / "out"
    first = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert first.returncode == 0, first.stderr
    time.sleep(RACY_SECONDS)  # stamps younger than that are never trusted (git's rule)
    flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    warm = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert warm.returncode == 0, warm.stderr
    assert up_to_date(warm.stderr) == 4, warm.stderr  # __init__ (no output), nightly, shared, tools
    before = (out / "nightly.yaml").read_text()
    tools = project / "flows" / "tools.py"
    tools.write_text(tools.read_text().replace('name="table"', 'name="table_name"').replace(
        "{{inputs.parameters.table}}", "{{inputs.parameters.table_name}}").replace("(self, table, rows)", "(self, table_name, rows)"))
    edited = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert edited.returncode == 1, edited.stderr
    assert up_to_date(edited.stderr) == 2, edited.stderr  # __init__ and shared only
    assert ("flows/nightly.py:19:37: error: argument parameter 'table' is not an input of template 'load-table' of "
            "ClusterWorkflowTemplate 'cluster-tools' [E1304]") in edited.stderr, edited.stderr
    assert (out / "nightly.yaml").read_text() == before  # a failed input leaves its output as it was
    # Put back: clean again; the content cache still holds the first results.
    tools.write_text((PROJECT / "flows" / "tools.py").read_text())
    back = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert back.returncode == 0, back.stderr
    assert " from the cache (" in back.stderr and "0 from the cache" not in back.stderr, back.stderr


def test_lint_of_a_folder_checks_template_refs_across_files(tmp_path):
    compiled = flowc("compile", "flows/", "--no-cache", "-o", str(tmp_path) + "/", cwd=PROJECT)
    assert compiled.returncode == 0, compiled.stderr
    r = flowc("lint", str(tmp_path), "--external-template", "team-notify", cwd=PROJECT)
    assert r.returncode == 0, r.stdout + r.stderr
    (tmp_path / "shared.yaml").unlink()
    r = flowc("lint", str(tmp_path), "--external-template", "team-notify", cwd=PROJECT)
    assert r.returncode == 1
    assert "WorkflowTemplate 'shared' not found" in r.stderr, r.stderr


IMPORT = CASES / "project" / "import"


def test_import_of_a_folder_writes_typed_references_and_compiles_back_equal(tmp_path):
    out = tmp_path / "flows"
    r = flowc("import", IMPORT, "-o", str(out) + "/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    release = (out / "release.py").read_text()
    assert "from .shared import Shared\nfrom .tools import ClusterTools\n" in release, release
    assert 'return Shared.build_image(image="registry.example.com/app")' in release, release
    assert "return ClusterTools.notify(" in release, release
    assert 'V1alpha1TemplateRef(name="team-notify", template="page")' in release  # no module defines it
    assert "return Shared.echo(" in (out / "nightly.py").read_text()
    # Compiled back as one project: the same documents, as data.
    c = flowc("compile", out, "--no-cache", "--external-template", "team-notify", "-o", str(tmp_path / "yaml") + "/",
              cwd=tmp_path)
    assert c.returncode == 0, c.stderr
    for name in ("shared", "tools", "release", "nightly"):
        assert load_all((tmp_path / "yaml" / f"{name}.yaml").read_text()) == load_all((IMPORT / f"{name}.yaml").read_text()), name


def test_graph_draws_a_referenced_template_as_a_box_naming_its_workflow_template():
    r = flowc("graph", "flows/release.py", "--format", "dot", cwd=PROJECT)
    assert r.returncode == 0, r.stderr
    assert '"main/build" [label="build\\n(build-image)\\nin WorkflowTemplate shared", shape=component];' in r.stdout, r.stdout
    assert "in ClusterWorkflowTemplate cluster-tools" in r.stdout
    m = flowc("graph", "flows/release.py", "--format", "mermaid", cwd=PROJECT)
    assert m.returncode == 0, m.stderr
    assert '[/"build<br/>(build-image)<br/>in WorkflowTemplate shared"/]' in m.stdout, m.stdout


SAME_FILE = '''from flowc.dsl import *


class Shared(WorkflowTemplate):
    @template
    @inputs.parameter(name="message")
    def echo(self, message):
        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])


class W(Workflow):
    @task
    def a(self):
        return Shared.echo(message="hi")
'''


def test_a_typed_reference_to_a_class_of_the_same_file():
    import flowc

    docs = flowc.compile_to_dicts(SAME_FILE)
    task = docs[1]["spec"]["templates"][0]["dag"]["tasks"][0]
    assert task["templateRef"] == {"name": "shared", "template": "echo"}
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(SAME_FILE.replace('message="hi"', 'mesage="hi"'))
    text = str(e.value)
    assert "argument parameter 'mesage' is not an input of template 'echo' of WorkflowTemplate 'shared' [E1304]" in text
    assert "<string>:7:9: note: template 'echo' of WorkflowTemplate 'shared' is defined here" in text, text


# -- Python and YAML in one project (issue 23, item 1) ----------------------------
#
# tests/cases/project/mixed/flows/ holds a WorkflowTemplate and a
# ClusterWorkflowTemplate written in YAML (library.yaml), a WorkflowTemplate
# written in Python (py_library.py), a Python Workflow calling the YAML ones
# (caller.py) and a YAML Workflow calling the Python one (yaml_caller.yaml).

MIXED = CASES / "project" / "mixed"


@pytest.fixture()
def mixed(tmp_path):
    dest = tmp_path / "mixed"
    shutil.copytree(MIXED, dest, ignore=shutil.ignore_patterns("expected*", "*.err", ".flowc_cache", "__pycache__"))
    return dest


def test_python_calls_yaml_templates_and_yaml_calls_python_ones(validate_argo):
    r = flowc("compile", "flows/", "--no-cache", cwd=MIXED)
    assert r.returncode == 0, r.stderr
    assert "error" not in r.stderr and "note" not in r.stderr, r.stderr
    want = MIXED / "expected.yaml"
    if REGEN:
        want.write_text(r.stdout)
    assert r.stdout == want.read_text()
    docs = by_name(load_all(r.stdout))
    for d in docs.values():
        validate_argo(d)
    tasks = {t["name"]: t for t in docs["caller-"]["spec"]["templates"][0]["dag"]["tasks"]}
    assert tasks["greet"]["templateRef"] == {"name": "yaml-library", "template": "greet"}
    assert tasks["ping"]["templateRef"] == {"name": "yaml-cluster-tools", "template": "ping", "clusterScope": True}
    lint = flowc("lint", "flows/", cwd=MIXED)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_without_the_yaml_file_the_python_caller_fails(mixed):
    (mixed / "flows" / "library.yaml").unlink()
    r = flowc("compile", "flows/", "--no-cache", cwd=mixed)
    assert r.returncode == 1
    assert "flows/caller.py:9:41: error: WorkflowTemplate 'yaml-library' not found" in r.stderr, r.stderr
    assert "flows/caller.py:14:41: error: ClusterWorkflowTemplate 'yaml-cluster-tools' not found" in r.stderr, r.stderr


def test_a_yaml_template_checks_the_python_callers_parameters(mixed):
    """String-form references are checked as lint checks them: the template
    exists in its WorkflowTemplate, its inputs are supplied."""
    lib = mixed / "flows" / "library.yaml"
    lib.write_text(lib.read_text().replace("- name: who", "- name: whom").replace("parameters.who", "parameters.whom"))
    r = flowc("compile", "flows/", "--no-cache", cwd=mixed)
    assert r.returncode == 1
    want = MIXED / "python_caller.err"
    if REGEN:
        want.write_text(r.stderr)
    assert r.stderr == want.read_text()


def test_a_python_template_checks_the_yaml_callers_parameters(mixed):
    lib = mixed / "flows" / "py_library.py"
    lib.write_text(lib.read_text().replace('name="name"', 'name="person"').replace("parameters.name", "parameters.person")
                   .replace("(self, name)", "(self, person)"))
    r = flowc("lint", "flows/", cwd=mixed)
    assert r.returncode == 1
    want = MIXED / "yaml_caller.err"
    if REGEN:
        want.write_text(r.stderr)
    assert r.stderr == want.read_text()
    # Without the Python file, the YAML caller's template is nowhere.
    lib.unlink()
    r = flowc("lint", "flows/", cwd=mixed)
    assert r.returncode == 1 and "WorkflowTemplate 'py-library' not found" in r.stderr, r.stderr


def test_compile_outputs_in_the_folder_are_not_taken_for_sources(mixed):
    """Outputs written beside the inputs are YAML in the folder: the next run
    must not take the last run's output of a template for the template."""
    (mixed / "flows" / "py_caller.py").write_text(
        "from flowc.dsl import V1alpha1TemplateRef, Workflow, parameter, task\n\n\n"
        "class PyCaller(Workflow):\n    @task\n    @parameter(name=\"name\", value=\"x\")\n    def a(self, name):\n"
        '        return V1alpha1TemplateRef(name="py-library", template="hello")\n')
    first = flowc("compile", "flows/", "--layout", "beside", "--no-cache", cwd=mixed)
    assert first.returncode == 0, first.stderr
    assert (mixed / "flows" / "py_library.yaml").exists()
    lib = mixed / "flows" / "py_library.py"
    lib.write_text(lib.read_text().replace("def hello", "def hi"))
    r = flowc("compile", "flows/", "--layout", "beside", "--no-cache", cwd=mixed)
    assert r.returncode == 1, r.stderr
    assert "flows/py_caller.py:8:" in r.stderr and "py-library.hello not found" in r.stderr, r.stderr


# -- up-to-date runs still check the project (item 2) ---------------------------

def test_an_edit_to_a_yaml_template_fails_an_unchanged_caller_on_a_warm_run(mixed):
    first = flowc("compile", "flows/", "-o", "out/", "-v", cwd=mixed)
    assert first.returncode == 0, first.stderr
    time.sleep(RACY_SECONDS)
    flowc("compile", "flows/", "-o", "out/", "-v", cwd=mixed)
    warm = flowc("compile", "flows/", "-o", "out/", "-v", cwd=mixed)
    assert warm.returncode == 0, warm.stderr
    assert up_to_date(warm.stderr) == 2, warm.stderr  # caller.py and py_library.py: nothing compiled
    lib = mixed / "flows" / "library.yaml"
    lib.write_text(lib.read_text().split("---\n")[0])  # the ClusterWorkflowTemplate removed
    edited = flowc("compile", "flows/", "-o", "out/", "-v", cwd=mixed)
    assert edited.returncode == 1, edited.stderr
    assert "flows/caller.py:14:41: error: ClusterWorkflowTemplate 'yaml-cluster-tools' not found" in edited.stderr, edited.stderr
    again = flowc("compile", "flows/", "-o", "out/", "-v", cwd=mixed)
    assert again.returncode == 1, again.stderr  # still failing: the record of caller.py does not hide it


def test_removing_a_python_template_fails_an_unchanged_string_caller(project):
    """release.py calls shared/build-image by a typed reference; a string-form
    caller in another file is unchanged when shared.py loses the template."""
    (project / "flows" / "strings.py").write_text(
        "from flowc.dsl import V1alpha1TemplateRef, Workflow, parameter, task\n\n\n"
        "class Strings(Workflow):\n    @task\n    @parameter(name=\"text\", value=\"hi\")\n    def a(self, text):\n"
        '        return V1alpha1TemplateRef(name="cluster-tools", template="notify", cluster_scope=True)\n')
    first = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert first.returncode == 0, first.stderr
    time.sleep(RACY_SECONDS)
    flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    (project / "flows" / "nightly.py").unlink()  # nightly calls tools' load_table; strings calls notify
    tools = project / "flows" / "tools.py"
    tools.unlink()
    (project / "flows" / "release.py").unlink()
    r = flowc("compile", "flows/", "-o", "out/", "-v", cwd=project)
    assert r.returncode == 1, r.stderr
    assert up_to_date(r.stderr) == 3, r.stderr  # __init__, shared, strings: nothing compiled
    assert "flows/strings.py:8:" in r.stderr and "ClusterWorkflowTemplate 'cluster-tools' not found" in r.stderr, r.stderr


def test_run_resolves_the_folders_templates_python_or_yaml(mixed):
    """flowc run: a string templateRef resolves in the run file's folder, YAML
    or Python, without --templates (the dry run plans through the reference)."""
    r = flowc("run", "flows/caller.py", "--dry-run", cwd=mixed)
    assert r.returncode == 0, r.stderr
    assert "greet -> greet\n      greet (container)" in r.stdout and "ping (container)" in r.stdout, r.stdout
    r = flowc("run", "flows/yaml_caller.yaml", "--dry-run", cwd=mixed)
    assert r.returncode == 0, r.stderr
    assert "hello (container)" in r.stdout, r.stdout
    (mixed / "flows" / "library.yaml").unlink()
    (mixed / "flows" / "py_library.py").unlink()
    r = flowc("run", "flows/caller.py", "--dry-run", cwd=mixed)
    assert r.returncode == 2 and "WorkflowTemplate 'yaml-library' is not among the templates given" in r.stderr
    r = flowc("run", "flows/yaml_caller.yaml", "--dry-run", cwd=mixed)
    # Argo's validator, run first on a YAML run, says it (as flowc lint does).
    assert r.returncode == 2 and "WorkflowTemplate 'py-library' not found" in r.stderr and "[E0703]" in r.stderr


# -- one name, two definitions ---------------------------------------------------

def test_a_python_template_named_as_a_yaml_one_is_an_error_at_its_class(mixed):
    """A cluster holds one WorkflowTemplate of a name (kubectl apply keeps the
    last): a Python class compiling to the name a YAML file of the folder
    already defines is E0702 at the class, as lint says it of two YAML files."""
    (mixed / "flows" / "again.py").write_text(
        "from flowc.dsl import V1Container, WorkflowTemplate, template\n\n\n"
        "class YamlLibrary(WorkflowTemplate):\n    @template\n    def greet(self):\n"
        '        return V1Container(image="alpine:3.19", command=["echo", "hi"])\n')
    r = flowc("compile", "flows/", "--no-cache", cwd=mixed)
    assert r.returncode == 1, r.stderr
    assert ("flows/again.py:4:7: error: WorkflowTemplate 'yaml-library' is also defined in flows/library.yaml"
            in r.stderr), r.stderr
    assert "[E0702]" in r.stderr and "class YamlLibrary(WorkflowTemplate):\n      ^~~~~~~~~~~" in r.stderr, r.stderr
    # The failing input's document is not printed (the others are, as for any failing input).
    assert [d["kind"] for d in load_all(r.stdout)] == ["Workflow", "WorkflowTemplate"], r.stdout


def test_two_python_modules_defining_one_template_fail_cold_and_warm(mixed):
    """The later module in path order gets the error, with a note at the
    first, also when it is up to date (not compiled this run: compiled again
    for its lines), and on every run until one is renamed."""
    first = flowc("compile", "flows/", "-o", "out/", cwd=mixed)
    assert first.returncode == 0, first.stderr
    time.sleep(RACY_SECONDS)
    flowc("compile", "flows/", "-o", "out/", cwd=mixed)  # records the stamps, now out of the racy window
    warm = flowc("compile", "flows/", "-o", "out/", "-v", cwd=mixed)
    assert up_to_date(warm.stderr) == 2, warm.stderr
    (mixed / "flows" / "a_copy.py").write_text((mixed / "flows" / "py_library.py").read_text())
    for _ in range(2):
        r = flowc("compile", "flows/", "-o", "out/", cwd=mixed)
        assert r.returncode == 1, r.stderr
        assert ("flows/py_library.py:5:7: error: WorkflowTemplate 'py-library' is also defined by class PyLibrary in "
                "flows/a_copy.py" in r.stderr), r.stderr
        assert "flows/a_copy.py:5:7: note: the other definition" in r.stderr, r.stderr
    (mixed / "flows" / "a_copy.py").unlink()
    r = flowc("compile", "flows/", "-o", "out/", cwd=mixed)
    assert r.returncode == 0, r.stderr


def test_verbose_says_a_folders_yaml_is_read_for_its_templates(mixed):
    r = flowc("compile", "flows/", "--no-cache", "-v", cwd=mixed)
    assert r.returncode == 0, r.stderr
    assert "read flows/library.yaml for its WorkflowTemplates (not compiled)" in r.stderr, r.stderr
    assert "skipped flows/library.yaml" not in r.stderr, r.stderr
