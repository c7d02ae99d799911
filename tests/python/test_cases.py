"""Golden cases: tests/cases/<group>/<name>/input.py with expected.yaml (the
output) or expected.err (the diagnostics exactly as a user sees them).
FLOWC_REGEN=1 rewrites the expectations; read the diff before committing.

A case with more .py files than input.py is compiled as a file, in its
folder, so that input.py can import base classes from them.

A case compiles for the target named in its folder's `target` file; without
one, cases under tests/cases/peak/ are compiled for Peak, all others for Argo.
An `argo-version` file names the Argo version to compile for (default 4.1);
the output is then checked against that version's schema."""
from __future__ import annotations

import pytest

import flowc
from conftest import CASES, REGEN, load_all
from peak_schema import validate_peak

CASE_DIRS = sorted(p.parent for p in CASES.rglob("input.py"))


def case_target(case) -> str:
    if (case / "target").exists():
        return (case / "target").read_text().strip()
    return "peak" if case.relative_to(CASES).parts[0] == "peak" else "argo"


def case_argo_version(case):
    f = case / "argo-version"
    return f.read_text().strip() if f.exists() else None


def case_python_version(case):
    """The case's `python-version` file: the Python its input is read as (default 3.14)."""
    f = case / "python-version"
    return f.read_text().strip() if f.exists() else None


def compile_case(case, monkeypatch):
    src = (case / "input.py").read_bytes().decode("utf-8", errors="surrogateescape")
    version = case_argo_version(case)
    python = case_python_version(case)
    try:
        if len(list(case.glob("*.py"))) > 1:  # input.py imports base classes from the files beside it
            monkeypatch.chdir(case)
            return flowc.compile_file("input.py", target=case_target(case), argo_version=version,
                                      python_version=python), None
        return flowc.compile_source(src, "input.py", target=case_target(case), argo_version=version,
                                    python_version=python), None
    except flowc.CompileError as e:
        return None, str(e) + "\n"


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: str(p.relative_to(CASES)))
def test_case(case, validate_argo, validate_argo_version, monkeypatch):
    out, err = compile_case(case, monkeypatch)
    want_yaml, want_err = case / "expected.yaml", case / "expected.err"
    if REGEN:
        (want_yaml if out is not None else want_err).write_text(out if out is not None else err)
        (want_err if out is not None else want_yaml).unlink(missing_ok=True)
    if want_err.exists():
        assert out is None, "expected a compile error, got output"
        assert err == want_err.read_text()
    else:
        assert err is None, err
        assert out == want_yaml.read_text()
        for doc in load_all(out):
            if case_target(case) == "peak":
                validate_peak(doc)
            elif not doc.get("apiVersion", "").startswith("argoproj.io/"):
                continue  # a verbatim Manifest: not an Argo document
            elif case_argo_version(case):
                validate_argo_version(case_argo_version(case))(doc)
            else:
                validate_argo(doc)
