"""lint's field check (compiler/lint/schema_check.cpp) and --argo-version.

The oracle is Argo's own JSON schema made strict (conftest._strict_schema:
unknown properties rejected): a key misspelled anywhere in Argo's examples
must be an E0804 exactly where the strict schema rejects the mutant, and
nowhere else (free-form maps such as labels take any key)."""
from __future__ import annotations

import copy
import subprocess
import sys

import jsonschema
import pytest
import yaml

import flowc
from conftest import FLOWC, SHARED, _strict_schema

ARGO_EXAMPLES = SHARED / "argo" / "examples"
KINDS = ("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow")


def example_docs():
    """(file name, document) of every Workflow-kind document in Argo's examples."""
    out = []
    for p in sorted(ARGO_EXAMPLES.rglob("*.yaml")):
        try:
            docs = list(yaml.safe_load_all(p.read_text()))
        except yaml.YAMLError:
            continue
        out += [(p.name, d) for d in docs if isinstance(d, dict) and d.get("kind") in KINDS]
    return out


def key_paths(node, path=()):
    """The path of every mapping key in `node`, in document order."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield path + (k,)
            yield from key_paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from key_paths(v, path + (i,))


def renamed(doc, path, new_key):
    """A copy of `doc` with the key at `path` renamed (its place in the mapping kept)."""
    doc = copy.deepcopy(doc)
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    items = [(new_key if k == path[-1] else k, v) for k, v in parent.items()]
    parent.clear()
    parent.update(items)
    return doc


@pytest.fixture(scope="module")
def strict_errors():
    schema = _strict_schema("4.1")
    validators = {}

    def errors(doc):
        kind = doc["kind"]
        if kind not in validators:
            s = dict(schema)
            s.pop("oneOf", None)
            s["$ref"] = f"#/definitions/io.argoproj.workflow.v1alpha1.{kind}"
            validators[kind] = jsonschema.Draft202012Validator(s)
        return {(tuple(e.absolute_path), e.message) for e in validators[kind].iter_errors(doc)}

    return errors


@pytest.mark.skipif(not ARGO_EXAMPLES.is_dir(), reason="no shared Argo examples")
def test_misspelled_keys_are_rejected_where_the_strict_schema_rejects_them(strict_errors):
    docs = example_docs()
    assert len(docs) > 150
    checked = rejected = 0
    for name, doc in docs:
        base = strict_errors(doc)
        paths = list(key_paths(doc))
        for path in paths[:: max(1, len(paths) // 6)]:  # about six keys per document, spread over it
            key = path[-1]
            if key in ("apiVersion", "kind"):
                continue  # the kind decides the model: not a field to misspell here
            mutant_key = key + "x"
            mutant = renamed(doc, path, mutant_key)
            schema_rejects = bool(strict_errors(mutant) - base)
            diags = flowc.lint(yaml.safe_dump(mutant, sort_keys=False), name, argo_version="4.1")
            ours = [d for d in diags if d.code == "E0804" and f"'{mutant_key}'" in d.message]
            assert bool(ours) == schema_rejects, (name, path, [str(d) for d in diags])
            checked += 1
            rejected += schema_rejects
    assert checked > 500 and rejected > 300, (checked, rejected)


@pytest.mark.skipif(not ARGO_EXAMPLES.is_dir(), reason="no shared Argo examples")
def test_examples_have_no_field_errors_for_4_1():
    # The two examples with real defects (test_lint.KNOWN_DEFECTS) have none of these either.
    found = {}
    for p in sorted(ARGO_EXAMPLES.rglob("*.yaml")):
        codes = [d.code for d in flowc.lint(p.read_text(), p.name, argo_version="4.1")
                 if d.code in ("E0804", "E0805", "E0806")]
        if codes:
            found[p.name] = codes
    assert found == {}


def test_did_you_mean_names_the_field():
    text = ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: a-}\nspec:\n"
            "  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine, imagePulPolicy: Always}\n")
    [d] = flowc.lint(text, "w.yaml")
    assert (d.code, d.line, d.column) == ("E0804", 8, 32)
    assert d.message == "unknown field 'imagePulPolicy' in Container; did you mean 'imagePullPolicy'?"


CRON = """apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: nightly}
spec:
  %s
  workflowSpec:
    entrypoint: main
    templates:
    - name: main
      container: {image: alpine}
"""


@pytest.mark.parametrize("version,schedule,codes", [
    ("3.4", 'schedule: "0 2 * * *"', []),
    ("3.5", 'schedules: ["0 2 * * *"]', ["E0714", "E0805"]),
    ("3.6", 'schedule: "0 2 * * *"', []),
    ("3.7", 'schedules: ["0 2 * * *"]', []),
    ("4.0", 'schedule: "0 2 * * *"', ["E0714", "E0806"]),
    ("4.1", 'schedules: ["0 2 * * *"]', []),
])
def test_cron_schedule_forms_per_version(version, schedule, codes):
    assert [d.code for d in flowc.lint(CRON % schedule, "c.yaml", argo_version=version)] == codes


def test_unknown_version_is_refused():
    with pytest.raises(ValueError, match="unknown Argo version '3.3'"):
        flowc.lint(CRON % 'schedule: "0 2 * * *"', argo_version="3.3")


def _cli(*args, cwd):
    return subprocess.run([*FLOWC, "lint", *args], cwd=cwd, capture_output=True, text=True)


def test_pyproject_default_is_picked_up_by_flowc_lint(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.flowc]\nargo-version = "3.5"\n')
    (tmp_path / "flows").mkdir()
    f = tmp_path / "flows" / "cron.yaml"
    f.write_text(CRON % 'schedules: ["0 2 * * *"]')
    r = _cli(str(f), cwd=tmp_path)
    assert r.returncode == 1
    assert "'schedules' needs Argo 3.6 or later (linting for 3.5) [E0805]" in r.stderr
    # The command line wins over the project.
    r = _cli("--argo-version", "4.1", str(f), cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")
    # And the API reads the project too.
    assert [d.code for d in flowc.lint_files([f])] == ["E0714", "E0805"]


def test_projects_that_disagree_are_a_usage_error(tmp_path):
    for v in ("3.5", "4.1"):
        (tmp_path / v).mkdir()
        (tmp_path / v / "pyproject.toml").write_text(f'[tool.flowc]\nargo-version = "{v}"\n')
        (tmp_path / v / "c.yaml").write_text(CRON % 'schedules: ["0 2 * * *"]')
    r = _cli("3.5/c.yaml", "4.1/c.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert "different Argo versions" in r.stderr and "[E0054]" in r.stderr
    (tmp_path / "4.1" / "pyproject.toml").write_text('[tool.flowc]\nargo-version = "4.2"\n')
    r = _cli("4.1/c.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "argo-version = '4.2'" in r.stderr
