"""The native `flowc` (compiler/cli) and `python -m flowc` (python/flowc/cli.py)
give the same bytes on stdout and stderr, and the same exit code, for the
commands both have."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import CASES, EXAMPLES, FLOWC

NATIVE = FLOWC if FLOWC[0] != sys.executable else None
PYTHON = [sys.executable, "-m", "flowc"]

BAD = """from flowc.dsl import *

class Broken(Workflow):
    @task
    @dependencies(["nope"])
    def a(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
"""


def both(*args, cwd=None, stdin=None):
    if NATIVE is None:
        pytest.skip("FLOWC_CLI=python: nothing to compare")
    out = []
    for cmd in (NATIVE, PYTHON):
        r = subprocess.run([*cmd, *map(str, args)], capture_output=True, cwd=cwd, input=stdin)
        out.append((r.returncode, r.stdout, r.stderr))
    return out


@pytest.mark.parametrize("args", [
    ("compile", EXAMPLES / "hello_world.py"),
    ("compile", EXAMPLES / "hello_world.py", EXAMPLES / "dag_diamond.py"),
    ("compile", "--format", "json", EXAMPLES / "hello_world.py", EXAMPLES / "dag_diamond.py"),
    ("compile", "--format", "json", EXAMPLES / "scripts_python.py"),
    ("compile", EXAMPLES / "artifacts.py"),
    ("compile", "-W", EXAMPLES / "artifacts.py"),
    ("compile", "--argo-version", "3.5", EXAMPLES / "hello_world.py"),
    ("compile", "--target", "peak", EXAMPLES / "hello_world.py"),
    ("graph", EXAMPLES / "dag_diamond.py"),
    ("graph", "--format", "mermaid", EXAMPLES / "dag_diamond.py"),
    ("lint", EXAMPLES / "hello_world.yaml"),
    ("import", EXAMPLES / "hello_world.yaml"),
])
def test_same_bytes_on_examples(args):
    native, python = both(*args)
    assert native == python


@pytest.mark.parametrize("target", ["argo", "peak"])
def test_same_bytes_on_every_case(target):
    """Every golden case's input at once: documents, warnings and errors (for
    Peak, the diagnostics and the "a Peak file holds one workflow" error)."""
    files = sorted(CASES.glob("*/*/input.py")) + sorted(EXAMPLES.glob("*.py"))
    assert len(files) > 100
    native, python = both("compile", "--target", target, *files)
    assert native == python


def test_same_bytes_on_errors(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(BAD)
    native, python = both("compile", bad)
    assert native == python and native[0] == 1
    native, python = both("compile", "-", stdin=BAD.encode())
    assert native == python and native[0] == 1
    lint_bad = sorted((CASES / "lint").glob("*/input.yaml"))[:5]
    for f in lint_bad:
        native, python = both("lint", f)
        assert native == python, f


def test_same_files_written(tmp_path):
    outs = []
    for name, cmd in (("native", NATIVE), ("python", PYTHON)):
        if cmd is None:
            pytest.skip("FLOWC_CLI=python: nothing to compare")
        out = tmp_path / name
        r = subprocess.run([*cmd, "compile", EXAMPLES / "hello_world.py", EXAMPLES / "dag_diamond.py", "-o", f"{out}/"],
                           capture_output=True)
        assert r.returncode == 0, r.stderr
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == 2
