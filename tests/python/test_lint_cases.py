"""Golden cases for `flowc lint`: tests/cases/lint/<name>/input.yaml with
expected.err, the diagnostics exactly as `flowc lint` prints them (empty: the
file is valid). An optional options.json holds keyword arguments of
flowc.lint() (entry, templates_complete, ...). FLOWC_REGEN=1 rewrites the
expectations; read the diff before committing.

Each case also runs through the CLI: exit 0 when expected.err has no error, 1
otherwise, with the same text on standard error."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import flowc
from conftest import CASES, FLOWC, REGEN

LINT_CASES = sorted(p.parent for p in (CASES / "lint").rglob("input.yaml"))


def options(case):
    f = case / "options.json"
    return json.loads(f.read_text()) if f.exists() else {}


@pytest.mark.parametrize("case", LINT_CASES, ids=lambda p: p.name)
def test_lint_case(case):
    diags = flowc.lint((case / "input.yaml").read_text(), "input.yaml", **options(case))
    got = "".join(str(d) for d in diags)
    want = case / "expected.err"
    if REGEN:
        want.write_text(got)
    assert got == want.read_text()


@pytest.mark.parametrize("case", LINT_CASES, ids=lambda p: p.name)
def test_lint_case_cli(case):
    args = [*FLOWC, "lint", "input.yaml"]
    if "entry" in options(case):
        args += ["--entry", options(case)["entry"]]
    if "argo_version" in options(case):
        args += ["--argo-version", options(case)["argo_version"]]
    r = subprocess.run(args, cwd=case, capture_output=True, text=True)
    want = (case / "expected.err").read_text()
    assert r.stdout == ""
    assert r.stderr == want
    assert r.returncode == (1 if ": error: " in want else 0)
