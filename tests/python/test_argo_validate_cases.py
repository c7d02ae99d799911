"""Argo's own validator tests (../shared/argo/validate-cases, from
argoproj/argo-workflows v4.1.2 workflow/validate/) through `flowc lint`.

Each case is one call of Argo's validator with the outcome Argo's test
demands: documents Argo accepts must lint clean, documents it rejects must
give at least one error. The case's expect.json says how Argo was called:
`entry` (the document is read as that kind whatever its `kind:`),
`effective_opts` (Lint, Submit), `templates.yaml` (the WorkflowTemplates that
exist: nothing else does, so templates_complete=True) and `defaults.yaml`
(the controller's workflow defaults).

Agreement at this commit: 108 of 108 cases (53 accepted and 55 rejected, as
Argo does). Of the 47 rejections whose test names Argo's message
(error_contains), flowc's message carries those words in 46 (the other,
083, names the nested call chain differently). test_agreement_summary prints
both numbers. No case needs a cluster, so none is marked xfail; if one ever
must be, list it in NEEDS_CLUSTER with its reason (never a blanket skip).
"""
from __future__ import annotations

import json

import pytest

import flowc
from conftest import SHARED

CASES_DIR = SHARED / "argo" / "validate-cases"
CASES = sorted(p for p in CASES_DIR.iterdir() if p.is_dir()) if CASES_DIR.is_dir() else []

# case folder name -> why it cannot agree without a cluster (none today).
NEEDS_CLUSTER: dict = {}


def run_case(case):
    expect = json.loads((case / "expect.json").read_text())
    opts = expect["effective_opts"]
    templates = []
    if (case / "templates.yaml").exists():
        templates.append(("templates.yaml", (case / "templates.yaml").read_text()))
    defaults = (case / "defaults.yaml").read_text() if (case / "defaults.yaml").exists() else None
    diags = flowc.lint((case / "workflow.yaml").read_text(), "workflow.yaml", entry=expect["entry"],
                       templates=templates, templates_complete=True, defaults=defaults,
                       argo_lint=opts["Lint"], submit=opts["Submit"])
    return expect, [d for d in diags if d.severity == "error"]


def params():
    for case in CASES:
        marks = [pytest.mark.xfail(reason=NEEDS_CLUSTER[case.name], strict=True)] if case.name in NEEDS_CLUSTER else []
        yield pytest.param(case, id=case.name, marks=marks)


@pytest.mark.skipif(not CASES, reason=f"{CASES_DIR} not present")
@pytest.mark.parametrize("case", params())
def test_case_agrees_with_argo(case):
    expect, errors = run_case(case)
    if expect["outcome"] == "ok":
        assert not errors, "Argo accepts this document; flowc lint said:\n" + "".join(str(d) for d in errors)
    else:
        assert errors, f"Argo rejects this document ({expect.get('error_contains')}); flowc lint accepted it"
        for d in errors:  # every error points into a file of the case, clang-style
            assert d.file in ("workflow.yaml", "templates.yaml") and d.line >= 1
            assert d.rendered.startswith(f"{d.file}:{d.line}:{d.column}: error: ")


@pytest.mark.skipif(not CASES, reason=f"{CASES_DIR} not present")
def test_agreement_summary(capsys):
    agree = same_words = worded = 0
    for case in CASES:
        expect, errors = run_case(case)
        agree += (expect["outcome"] == "error") == bool(errors)
        want = expect.get("error_contains") or []
        if expect["outcome"] == "error" and want:
            worded += 1
            same_words += any(all(w in d.message for w in want) for d in errors)
    with capsys.disabled():
        print(f"\nflowc lint agrees with Argo's validator on {agree}/{len(CASES)} cases; "
              f"its message carries Argo's words in {same_words}/{worded} rejections that name them")
    assert agree == len(CASES) - len(NEEDS_CLUSTER)
