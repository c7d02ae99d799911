"""Every example compiles to the YAML kept beside it, and that YAML is valid Argo."""
from __future__ import annotations

import subprocess
import sys

import pytest

import flowc
from conftest import EXAMPLES, FLOWC, REGEN, load_all

EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_matches_its_yaml(path, validate_argo):
    out = flowc.compile_file(path)
    golden = path.with_suffix(".yaml")
    if REGEN:
        golden.write_text(out)
    assert golden.exists(), f"{golden} is missing; run with FLOWC_REGEN=1 and read the diff"
    assert out == golden.read_text(), f"{path.name} no longer compiles to {golden.name}"
    docs = load_all(out)
    assert docs
    for doc in docs:
        validate_argo(doc)


def test_examples_exist():
    names = {p.name for p in EXAMPLE_FILES}
    assert {"hello_world.py", "dag_diamond.py", "artifacts.py", "scripts_python.py"} <= names


def test_cli_prints_hello_world():
    r = subprocess.run([*FLOWC, "compile", str(EXAMPLES / "hello_world.py")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (EXAMPLES / "hello_world.yaml").read_text()
