"""Typed references through every static spelling of an import (issue 23).

tests/cases/project/imports_forms/app/forms.py reaches the WorkflowTemplate
class Shared of app/lib/shared.py as `from M import C as Alias`, `import
pkg.mod`, `import pkg.mod as m`, `from pkg import mod` and two relative forms;
app/wrong.py makes the same calls with a misspelled keyword. flowc, mypy and
pyright must agree: forms.py is clean, each call of wrong.py is an error.
unfollowed/ holds what flowc cannot follow statically (a star import, a
rebound name, a module imported at run time): error E1306 at the call.
"""
import json
import os
import subprocess
import sys

import pytest
from conftest import CASES, FLOWC, REGEN, load_all

FORMS = CASES / "project" / "imports_forms"
WRONG_LINES = [15, 19, 23, 27, 31, 35]  # the six calls of app/wrong.py
UNFOLLOWED = sorted((FORMS / "unfollowed").glob("*.py"))


def flowc(*args):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True, cwd=FORMS)


def golden(path, text):
    if REGEN:
        path.write_text(text)
    assert text == path.read_text()


def test_every_import_spelling_is_followed(validate_argo):
    r = flowc("compile", "app/forms.py", "--no-cache")
    assert r.returncode == 0, r.stderr
    golden(FORMS / "expected.yaml", r.stdout)
    (doc,) = load_all(r.stdout)
    validate_argo(doc)
    tasks = doc["spec"]["templates"][0]["dag"]["tasks"]
    assert [t["name"] for t in tasks] == ["alias", "dotted", "module-alias", "from-package", "relative-module",
                                          "relative-alias"]
    for t in tasks:
        assert t["templateRef"] == {"name": "shared", "template": "echo"}, t


def test_every_spelling_checks_the_call():
    r = flowc("compile", "app/wrong.py", "--no-cache")
    assert r.returncode == 1
    golden(FORMS / "wrong.err", r.stderr)
    for line in WRONG_LINES:
        assert f"app/wrong.py:{line}:" in r.stderr and "argument parameter 'mesage'" in r.stderr, line


@pytest.mark.parametrize("case", UNFOLLOWED, ids=lambda p: p.stem)
def test_what_cannot_be_followed_is_an_error_at_the_call(case):
    r = flowc("compile", case.relative_to(FORMS), "--no-cache")
    assert r.returncode == 1
    assert "[E1306]" in r.stderr and "templateRef" not in r.stdout, r.stderr
    golden(case.with_suffix(".err"), r.stderr)


def test_mypy_checks_every_spelling(tmp_path):
    pytest.importorskip("mypy")
    r = subprocess.run([sys.executable, "-m", "mypy", "--check-untyped-defs", "--no-error-summary",
                        "--show-error-codes", "--no-color-output", "--hide-error-context", "--cache-dir",
                        str(tmp_path), "app/forms.py", "app/wrong.py"], capture_output=True, text=True, cwd=FORMS)
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert not [x for x in lines if x.startswith("app/forms.py")], r.stdout
    assert [int(x.split(":")[1]) for x in lines] == WRONG_LINES, r.stdout
    assert all('Unexpected keyword argument "mesage"' in x for x in lines), r.stdout


def test_pyright_checks_every_spelling():
    pytest.importorskip("pyright")
    env = dict(os.environ, PYRIGHT_PYTHON_IGNORE_WARNINGS="1")
    r = subprocess.run([sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable,
                        "app/forms.py", "app/wrong.py"], capture_output=True, text=True, cwd=FORMS, env=env)
    errors = [d for d in json.loads(r.stdout)["generalDiagnostics"] if d["severity"] == "error"]
    assert not [d for d in errors if d["file"].endswith("forms.py")], errors
    named = sorted(d["range"]["start"]["line"] + 1 for d in errors if 'No parameter named "mesage"' in d["message"])
    assert named == WRONG_LINES, errors
