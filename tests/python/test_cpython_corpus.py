"""flowc's syntax verdict agrees with CPython's compile() on real code.

scripts/compare_cpython.py compiles every .py file of a Python's standard
library (and, for the Python running the tests, of the packages installed
beside it) with that Python's compile() and with flowc's syntax check told
that Python's version, and lists the files whose verdicts differ. Here:

- the running interpreter: its standard library and its site-packages;
- every pyenv interpreter 3.9 .. 3.13 present on the machine (CI has them):
  its own standard library against its own compile(), flowc reading that
  version; skipped where the interpreter is absent.

No disagreement may remain but the few listed, with their reasons, in
compare_cpython.KNOWN (and those must still disagree). CPython's verdicts are
cached by content hash in build/cpython-verdicts/: the first run compiles
each library once (a minute or two), later runs take seconds.
"""
from __future__ import annotations

import glob
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import compare_cpython  # noqa: E402

PYENV = [sorted(glob.glob(f"/root/.pyenv/versions/3.{m}.*/bin/python3"))
         for m in range(9, 14)]


def check(corpora):
    problems = []
    for c in corpora:
        assert len(c.files) > 100, f"{c.name}: only {len(c.files)} files found under {c.root}"
        problems += [f"{c.name}: {line.strip()}" for line in c.details()]
        problems += [f"{c.name}: stale KNOWN entry {rel}" for rel in c.stale_known()]
    assert not problems, "\n".join(problems)


def test_running_interpreter_stdlib_and_site_packages():
    corpora = compare_cpython.compare(sys.executable, site_packages=True)
    assert len(corpora) == 2  # the standard library and site-packages
    # The corpus holds files CPython refuses (the test suite's bad_coding*.py,
    # badsyntax_*.py): the comparison sees both verdicts.
    assert corpora[0].refused > 0
    check(corpora)


@pytest.mark.parametrize("minor", range(9, 14), ids=lambda m: f"3.{m}")
def test_pyenv_interpreter_stdlib(minor):
    found = PYENV[minor - 9]
    if not found:
        pytest.skip(f"no pyenv Python 3.{minor} on this machine")
    python = found[-1]
    if os.path.realpath(python) == os.path.realpath(sys.executable):
        pytest.skip("the running interpreter (tested above)")
    corpora = compare_cpython.compare(python, site_packages=False)
    assert corpora[0].version == f"3.{minor}"
    check(corpora)
