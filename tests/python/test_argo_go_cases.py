"""Argo's own validator tests (validate_test.go, validate_dag_test.go) that
/work/shared's validate-cases leave out,
re-created as golden cases: tests/cases/validate/argo/<name>/ holds the
test's document (input.yaml; the WorkflowTemplates it creates first, in
templates.yaml, are all the templates that exist), options.json (how the Go test calls Argo's
validator: entry, argo_lint for Opts{Lint}, submit for Opts{Submit};
Opts{} is argo_lint=False), argo.json (the Go test's name, the
validate.go line whose rule decides it, the verdict the test demands and
the words it requires) and expected.err (what flowc lint prints,
FLOWC_REGEN=1 rewrites it).

Two checks per case: flowc's verdict is Argo's (error or not, and Argo's
words in one of the errors where the test names them), and the diagnostics
are exactly expected.err. Agreement at this commit: see
test_go_agreement_summary (printed with -s). A case flowc cannot agree on is
listed in DISAGREES with its reason and runs as a strict xfail.
"""
from __future__ import annotations

import json

import pytest

import flowc
from conftest import CASES, REGEN

GO_CASES = sorted(p.parent for p in (CASES / "validate" / "argo").rglob("input.yaml"))

# case name -> why flowc's verdict differs from Argo's (none today).
DISAGREES: dict = {}


def lint_case(case):
    options = json.loads((case / "options.json").read_text())
    options.setdefault("argo_lint", False)  # Go's Opts{}: neither Lint nor Submit
    if (case / "templates.yaml").exists():  # the WorkflowTemplates the Go test creates: all that exist
        options.update(templates=[("templates.yaml", (case / "templates.yaml").read_text())], templates_complete=True)
    return flowc.lint((case / "input.yaml").read_text(), "input.yaml", **options)


def agrees(case, diags):
    argo = json.loads((case / "argo.json").read_text())
    errors = [d for d in diags if d.severity == "error"]
    if argo["outcome"] == "ok":
        return not errors
    words = argo.get("error_contains") or []
    return bool(errors) and (not words or any(all(w in d.message for w in words) for d in errors))


def params():
    for case in GO_CASES:
        marks = [pytest.mark.xfail(reason=DISAGREES[case.name], strict=True)] if case.name in DISAGREES else []
        yield pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", params())
def test_go_case_verdict(case):
    argo = json.loads((case / "argo.json").read_text())
    diags = lint_case(case)
    assert argo["validate_go_line"] > 0 and argo["test"]
    assert agrees(case, diags), (f"Argo's {argo['test']} expects {argo['outcome']} {argo.get('error_contains')}; "
                                 "flowc lint said:\n" + "".join(str(d) for d in diags))


@pytest.mark.parametrize("case", GO_CASES, ids=lambda p: p.name)
def test_go_case_golden(case):
    got = "".join(str(d) for d in lint_case(case))
    want = case / "expected.err"
    if REGEN:
        want.write_text(got)
    assert got == want.read_text()


def test_go_agreement_summary(capsys):
    agree = sum(agrees(case, lint_case(case)) for case in GO_CASES)
    with capsys.disabled():
        print(f"\nflowc lint agrees with Argo's Go tests on {agree}/{len(GO_CASES)} re-created cases")
    assert agree == len(GO_CASES) - len(DISAGREES)
