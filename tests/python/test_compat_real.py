"""flowc agrees with argo-python-dsl 0.4.0 on code written for it.

Each tests/compat_real/<name>.py is code as argo-python-dsl's users write it
(positional template arguments, helper methods and properties on the class,
a scope reached without a parameter, models through an imported module, the
client's `_exec` keyword). tests/compat_real/<name>.argo-dsl.json is what
argo-python-dsl 0.4.0 itself made of the same file, recorded by
scripts/record_argo_dsl.py (it needs the library, which this suite does not
install). The test compiles the file with flowc and compares the documents
as data. The only normalizations are the documented differences
(docs/dsl.md, "Differences from argo-python-dsl"):

- argo-python-dsl writes `status: {}` and an empty `metadata.name` beside
  `generateName`; flowc writes neither.
- argo-python-dsl writes a CronWorkflow's `schedule: "..."`; flowc the list
  current Argo reads, `schedules: ["..."]`.
- In a closure's script the lines are the same, but the blank lines around
  the parts flowc assembles (hoisted imports, injected scope classes) follow
  the seed's documented output, which has none, and there is no trailing
  newline (the seed's `|-`): scripts are compared without blank lines.
"""
from __future__ import annotations

import json

import pytest

import flowc
from conftest import ROOT

REAL = ROOT / "tests" / "compat_real"
FILES = sorted(REAL.glob("*.py"))


def normalized(doc: dict) -> dict:
    doc = json.loads(json.dumps(doc))
    doc.pop("status", None)
    if doc.get("metadata", {}).get("name") == "":
        del doc["metadata"]["name"]
    spec = doc.get("spec", {})
    if "schedule" in spec:
        spec["schedules"] = [spec.pop("schedule")]
    spec = spec.get("workflowSpec", spec)
    for t in spec.get("templates", []):
        script = t.get("script")
        if script and "source" in script:
            script["source"] = "\n".join(line.rstrip() for line in script["source"].splitlines() if line.strip())
    return doc


def test_there_are_real_files():
    assert len(FILES) >= 5
    for path in FILES:
        assert path.with_suffix(".argo-dsl.json").exists(), f"run scripts/record_argo_dsl.py for {path.name}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_same_as_argo_python_dsl(path, validate_argo):
    ours = flowc.compile_to_dicts(path.read_text(), path.name)
    theirs = json.loads(path.with_suffix(".argo-dsl.json").read_text())
    for doc in ours:
        validate_argo(doc)
    assert [normalized(d) for d in ours] == [normalized(d) for d in theirs]


# The warnings a file draws, on purpose (none for the others).
WARNINGS = {"loop_placeholder.py": ["W0204"]}  # a positional placeholder the @parameter overrides


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_warnings_are_the_expected_ones(path):
    try:
        flowc.compile_source(path.read_text(), path.name, warnings_as_errors=True)
        codes = []
    except flowc.CompileError as e:
        codes = [d.code for d in e.diagnostics]
    assert codes == WARNINGS.get(path.name, [])
