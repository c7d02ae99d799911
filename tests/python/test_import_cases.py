"""Golden cases of `flowc import`: tests/cases/import/<name>/input.yaml with
expected.py (the imported Python, which must also compile back to the YAML)
or expected.err (the diagnostics exactly as the command line prints them);
an import that succeeds with warnings also has expected.warn (the warnings
as printed). FLOWC_REGEN=1 rewrites the expectations; read the diff before
committing."""
from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

import flowc
from conftest import CASES, FLOWC, REGEN, load_all

CASE_DIRS = sorted(p.parent for p in (CASES / "import").rglob("input.yaml"))


def _write(path, text):
    if text:
        path.write_text(text)
    else:
        path.unlink(missing_ok=True)


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_import_case(case):
    text = (case / "input.yaml").read_text()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", flowc.FlowcWarning)
        try:
            out, err = flowc.import_yaml(text, "input.yaml"), None
        except flowc.CompileError as e:
            out, err = None, str(e) + "\n"
    warned = "".join(str(w.message) + "\n" for w in caught if isinstance(w.message, flowc.FlowcWarning))
    want_py, want_err, want_warn = case / "expected.py", case / "expected.err", case / "expected.warn"
    if REGEN:
        _write(want_py, out)
        _write(want_err, err)
        _write(want_warn, warned if out is not None else "")
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
        assert warned == (want_warn.read_text() if want_warn.exists() else "")
        if "[W1042]" in warned:  # Argo refuses it as written: so does the compile; as data, it is the YAML
            with pytest.raises(flowc.CompileError):
                flowc.compile_to_dicts(out)
            assert flowc._run(out, "<string>", "argo", "yaml", validate=False)["documents"] == load_all(text)
        else:
            assert flowc.compile_to_dicts(out) == load_all(text)
