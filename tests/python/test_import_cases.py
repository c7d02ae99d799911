"""Golden cases of `flowc import`: tests/cases/import/<name>/input.yaml with
expected.py (the imported Python, which must also compile back to the YAML)
or expected.err (the diagnostics exactly as the command line prints them).
FLOWC_REGEN=1 rewrites the expectations; read the diff before committing."""
from __future__ import annotations

import subprocess
import sys

import pytest

import flowc
from conftest import CASES, FLOWC, REGEN, load_all

CASE_DIRS = sorted(p.parent for p in (CASES / "import").rglob("input.yaml"))


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_import_case(case):
    text = (case / "input.yaml").read_text()
    try:
        out, err = flowc.import_yaml(text, "input.yaml"), None
    except flowc.CompileError as e:
        out, err = None, str(e) + "\n"
    want_py, want_err = case / "expected.py", case / "expected.err"
    if REGEN:
        (want_py if out is not None else want_err).write_text(out if out is not None else err)
        (want_err if out is not None else want_py).unlink(missing_ok=True)
    if want_err.exists():
        assert out is None, "expected an import error, got output"
        assert err == want_err.read_text()
        # The command line: exit 1, the same diagnostics, nothing on stdout.
        r = subprocess.run([*FLOWC, "import", "input.yaml"], cwd=case,
                           capture_output=True, text=True)
        assert (r.returncode, r.stdout, r.stderr) == (1, "", err)
    else:
        assert err is None, err
        assert out == want_py.read_text()
        assert flowc.compile_to_dicts(out) == load_all(text)
