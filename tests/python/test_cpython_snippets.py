"""flowc's syntax verdict agrees with CPython's compile() on the snippets
CPython's own tests compile (Lib/test/test_syntax.py, test_grammar.py,
test_exceptions.py): each pyenv interpreter 3.9 .. 3.13 judges its own test
files' snippets, flowc reads each as that interpreter's version
(scripts/cpython_snippets.py). No disagreement may remain but those listed,
with their reasons, in cpython_snippets.KNOWN (and those must still
disagree). Skipped where the interpreter is absent (CI has them)."""
from __future__ import annotations

import glob
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import cpython_snippets  # noqa: E402

PYENV = [sorted(glob.glob(f"/root/.pyenv/versions/3.{m}.*/bin/python3")) for m in range(9, 14)]


@pytest.mark.parametrize("minor", range(9, 14), ids=lambda m: f"3.{m}")
def test_cpython_test_snippets(minor):
    found = PYENV[minor - 9]
    if not found:
        pytest.skip(f"no pyenv Python 3.{minor} on this machine")
    c = cpython_snippets.Comparison(found[-1])
    # The tests are found and hold refusals: the comparison sees both verdicts.
    assert len(c.snippets) > 300 and c.refused > 200, (len(c.snippets), c.refused)
    problems = [f"false refusal {where}: {src!r}: flowc {ours}" for src, where, ours in c.false_refusals]
    problems += [f"false acceptance {where}: {src!r}: CPython {theirs}" for src, where, theirs in c.false_acceptances]
    problems += [f"stale KNOWN entry {src!r}" for src in c.stale_known()]
    assert not problems, "\n".join(problems)
