"""The newest ruff (pinned in requirements-dev.txt), its default rules, on
examples/ and the idiom the docs teach (issue 20, item 6). What
`flowc import` writes is held to the same in test_import.py. No `noqa`
comments: the code passes as written.

- examples/: `ruff check` and `ruff format --check`, as a user runs them.
- The docs' Python blocks (README.md and docs/*.md, except diagnostics.md,
  whose examples show mistakes on purpose): every block that is a whole
  module (it imports the DSL) passes `ruff check`; every block, fragments
  too, passes the two rules about class attributes and string lists
  (RUF012 mutable class attribute, ISC004 implicit concatenation in a
  collection), which the idiom must not teach.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

PIN = re.search(r"^ruff==(\S+)$", (ROOT / "requirements-dev.txt").read_text(), re.M).group(1)


def ruff_exe() -> str:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.fail("ruff is not installed (pip install -r requirements-dev.txt)")
    return exe


def ruff(*args: str, source: str | None = None, filename: str = "block.py") -> subprocess.CompletedProcess:
    cmd = [ruff_exe(), *args, "--isolated"]
    if source is not None:
        cmd += ["--stdin-filename", filename, "-"]
    return subprocess.run(cmd, input=source, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_the_pinned_ruff_runs():
    r = subprocess.run([ruff_exe(), "--version"], capture_output=True, text=True)
    assert r.stdout.strip() == f"ruff {PIN}"


def test_examples_pass_ruff_check():
    r = ruff("check", "--output-format", "concise", str(EXAMPLES))
    assert r.returncode == 0, r.stdout + r.stderr


def test_examples_pass_ruff_format():
    r = ruff("format", "--check", str(EXAMPLES))
    assert r.returncode == 0, r.stdout + r.stderr


def test_no_noqa_in_examples():
    hits = [f"{p}:{i}" for p in EXAMPLES.rglob("*.py") for i, line in enumerate(p.read_text().splitlines(), 1)
            if "noqa" in line]
    assert not hits


def doc_blocks():
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        if doc.name == "diagnostics.md":
            continue
        text = doc.read_text()
        for m in re.finditer(r"```python[^\n]*\n(.*?)```", text, re.S):
            if m.group(1).startswith(("%", "In [")):  # an IPython session (docs/notebooks.md), not a module
                continue
            line = text.count("\n", 0, m.start()) + 1
            yield pytest.param(m.group(1), id=f"{doc.name}:{line}")


BLOCKS = list(doc_blocks())


def test_there_are_doc_blocks():
    assert len(BLOCKS) > 10


@pytest.mark.parametrize("source", BLOCKS)
def test_doc_block(source):
    assert "noqa" not in source
    r = ruff("check", "--output-format", "concise", "--select", "RUF012,ISC004", source=source)
    assert r.returncode == 0, r.stdout + r.stderr
    if re.search(r"^from (flowc\.dsl|argo\.workflows\.dsl) import", source, re.M):
        r = ruff("check", "--output-format", "concise", source=source)
        assert r.returncode == 0, r.stdout + r.stderr
