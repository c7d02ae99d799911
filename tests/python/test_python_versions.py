"""The Python version a file is read as (issue 20): syntax by version, the
"needs Python X.Y" error (E0041), how the version is chosen (--python-version,
[tool.flowc] python-version, [project] requires-python, the default 3.14), and
source encodings (PEP 263) as CPython's compile() reads them.

Where a pyenv interpreter of a version exists, its compile() judges the same
snippet: flowc's verdict for that version must be CPython's. Python 3.14 is
not installed: its cases are golden, from its grammar (Grammar/python.gram:
PEP 758 `except_block`, PEP 750 template strings).
"""
from __future__ import annotations

import glob
import subprocess
import warnings

import pytest

import flowc
from flowc import _core, _project
from conftest import FLOWC, ROOT

VERSIONS = ["3.9", "3.10", "3.11", "3.12", "3.13", "3.14"]

# (source, the first version that reads it, what the error names)
GATED = [
    ("match x:\n    case 1:\n        pass\n", "3.10", "a 'match' statement"),
    ("a[x := 1]\n", "3.10", "an assignment expression in a subscript"),
    ("try:\n    pass\nexcept* ValueError:\n    pass\n", "3.11", "'except*'"),
    ("a[*b]\n", "3.11", "a starred expression in a subscript"),
    ("def f(*args: *Ts): pass\n", "3.11", "a starred annotation on *args"),
    ("type X = int\n", "3.12", "a 'type' statement"),
    ("def f[T](x: T) -> T: return x\n", "3.12", "a type parameter list"),
    ("class C[T]: pass\n", "3.12", "a type parameter list"),
    ("def f[T](a=(x := 1)): pass\n", "3.12", "a type parameter list"),
    ("class C[T]:\n    def f(self):\n        return (x := 1)\n", "3.12", "a type parameter list"),
    ("x = f\"{'a' if y else \"b\"}\"\n", "3.12", "f-string"),
    ("x = f\"{1 +\n 2}\"\n", "3.12", "string"),
    ("x = f\"{x:{y:{z}}}\"\n", "3.12", "f-string"),
    ("try:\n    pass\nexcept A, B:\n    pass\n", "3.14", "'except' with several exception types"),
    ("x = t\"hello {name}\"\n", "3.14", "a template string"),
    ("x = tr'a\\d{b}'\n", "3.14", "a template string"),
]

# Refused by every version flowc reads.
ALWAYS_REFUSED = [
    # CPython's invalid_try_stmt: one 'try' takes 'except' or 'except*', not both.
    "try:\n    pass\nexcept ValueError:\n    pass\nexcept* TypeError:\n    pass\n",
    "try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
    "try:\n    pass\nexcept *ValueError:\n    pass\nexcept:\n    pass\n",
    "def f[T = int, U](): pass\n",                     # PEP 696: no non-default after a default
    "obj.__debug__ = 1\n",                             # found by scripts/cpython_snippets.py
    "for obj.__debug__ in x: pass\n",
    "f(,)\n",
    "f(a,,b)\n",
    "(()): int\n",
    "((a, b)): int\n",
    # PEP 695 annotation scopes refuse named, yield and await expressions (3.12+; before, E0041).
    "def f[T: (x := 3)](): pass\n",
    "type A = (x := 3)\n",
    "class A[T]((x := 3)): pass\n",
    "def f[T](x: (y := 1)): pass\n",
    "def f[T]() -> (y := 1): pass\n",
    "def g():\n    type A = (yield)\n",
    "async def g():\n    def f[T: (await x)](): pass\n",
    "try:\n    pass\nexcept A, B as e:\n    pass\n",   # PEP 758: not with 'as'
    "x = t'a' 'b'\n",                                  # t-strings join only t-strings (3.14)
    "x = f\"{lambda x: 1}\"\n",
    "type(obj).attr = 1\nx = print x\n",
]

# Accepted by every version flowc reads (real code that was refused once).
ALWAYS_ACCEPTED = [
    "obj.__debug__ += 1\n",
    "del obj.__debug__\n",
    "(a): int\n",
    "f(a,)\n",
    "class A((x := 3)): pass\n",
    "def f(a=(x := 1)): pass\n",
    "type(obj).attr = 1\n",
    "type(a)[0] = 1\n",
    "x = '|'.join([*dict.fromkeys(y)])\n",
    "print(a, b(), *rest)\n",
    "try:\n    pass\nexcept (A, B) as e:\n    pass\n",
    "try:\n    pass\nexcept A as e:\n    pass\n",
    "with (open(p)\n      as f):\n    pass\n",
    "with (a as b, c as d):\n    pass\n",
    "x = f'{x!r:{width}}'\n",
    "x = {y := 1, 2}\n",
    "for x in *a, *b:\n    pass\n",
]


# PEP 696 type parameter defaults (3.13): the first version that reads each
# (None: none does). The grammar has none; the parser reads them respelled
# (compiler/parse/type_param_defaults.h).
TYPE_PARAM_DEFAULTS = [
    ("def f[T = int](): pass\n", "3.13"),
    ("class C[T = int]: pass\n", "3.13"),
    ("type A[T = int] = list[T]\n", "3.13"),
    ("def f[T: int = bool](): pass\n", "3.13"),
    ("def f[T: (int, str) = str](): pass\n", "3.13"),
    ("class C[T, U = dict[str, T]]: pass\n", "3.13"),
    ("def f[**P = [int, str]](): pass\n", "3.13"),
    ("def f[*Ts = int](): pass\n", "3.13"),
    ("def f[*Ts = *tuple[int]](): pass\n", "3.13"),
    ("class C[T = int, *Ts = *tuple[T]]: pass\n", "3.13"),
    ("def f[*Ts: int](): pass\n", None),
    ("def f[**P: int](): pass\n", None),
    ("def f[T = *a](): pass\n", None),
    ("class C[T = int,\n        U = str]:\n    pass\n", "3.13"),
    ("def f[T = int, U = T](): pass\n", "3.13"),
    ("def f[T = int, U](): pass\n", None),
    ("def f[T = ](): pass\n", None),
    ("def f[T = int = str](): pass\n", None),
    ("def f[T == int](): pass\n", None),
    # An '=' that is no default stays what it is.
    ("x = {'a': [1]}\ndef g(x=[1]): pass\n", "3.9"),
    ("s = 'def f[T = int](): pass'\n", "3.9"),
]


def interpreter(version: str):
    found = sorted(glob.glob(f"/root/.pyenv/versions/{version}.*/bin/python3"))
    return found[-1] if found else None


def cpython_accepts(python: str, source: str) -> bool:
    code = "import sys; compile(sys.stdin.buffer.read(), 'w.py', 'exec', dont_inherit=True)"
    return subprocess.run([python, "-W", "ignore", "-c", code], input=source.encode(),
                          capture_output=True).returncode == 0


def errors(source: str, version: str):
    return [d for d in _core.check_syntax(source.encode(), "w.py", version) if d["severity"] == "error"]


@pytest.mark.parametrize("source,since,what", GATED, ids=[g[0][:24] for g in GATED])
@pytest.mark.parametrize("version", VERSIONS)
def test_syntax_by_version(source, since, what, version):
    found = errors(source, version)
    newer = tuple(map(int, version.split("."))) >= tuple(map(int, since.split(".")))
    if newer:
        assert not found, found
    else:
        assert found, f"read as {version}, {source!r} needs {since}"
        if what not in ("f-string", "string"):  # an f-string reads as a 3.11 tokenizer error
            assert found[0]["code"] == "E0041"
            assert f"{what}" in found[0]["message"] and f"needs Python {since}" in found[0]["message"]
            assert f"this file is read as Python {version}" in found[0]["message"]
    python = interpreter(version)
    if python:
        assert cpython_accepts(python, source) == newer, f"CPython {version} disagrees with the table"


@pytest.mark.parametrize("source", ALWAYS_REFUSED)
@pytest.mark.parametrize("version", VERSIONS)
def test_refused_by_every_version(source, version):
    assert errors(source, version)
    python = interpreter(version)
    if python:
        assert not cpython_accepts(python, source)


@pytest.mark.parametrize("source", ALWAYS_ACCEPTED)
@pytest.mark.parametrize("version", VERSIONS)
def test_accepted_by_every_version(source, version):
    assert not errors(source, version)
    python = interpreter(version)
    if python:
        assert cpython_accepts(python, source)


@pytest.mark.parametrize("source,since", TYPE_PARAM_DEFAULTS, ids=[d[0][:28] for d in TYPE_PARAM_DEFAULTS])
@pytest.mark.parametrize("version", VERSIONS)
def test_type_parameter_defaults(source, since, version):
    found = errors(source, version)
    accepted = since is not None and tuple(map(int, version.split("."))) >= tuple(map(int, since.split(".")))
    assert (not found) == accepted, (version, found)
    if version == "3.12" and since == "3.13":  # a type parameter list reads; its default does not
        assert found[0]["code"] == "E0041", found
        assert "a type parameter default needs Python 3.13; this file is read as Python 3.12" in found[0]["message"]
    python = interpreter(version)
    if python:
        assert cpython_accepts(python, source) == accepted, f"CPython {version} disagrees with the table"


# --- how the version is chosen

def compile_cli(path, *args):
    return subprocess.run([*FLOWC, "compile", str(path), "-o", "-", *args], capture_output=True, text=True)


TYPE_STMT = "type Image = str\n"


def test_cli_flag_and_default(tmp_path):
    src = tmp_path / "w.py"
    src.write_text(TYPE_STMT)
    default = compile_cli(src)
    assert "E0041" not in default.stderr  # read as 3.14: the type statement is fine
    old = compile_cli(src, "--python-version", "3.11")
    assert old.returncode == 1
    assert "a 'type' statement needs Python 3.12; this file is read as Python 3.11" in old.stderr
    assert "[E0041]" in old.stderr
    bad = compile_cli(src, "--python-version", "3.8")
    assert bad.returncode != 0 and "3.8" in bad.stderr


@pytest.mark.parametrize("table,version", [
    ('[tool.flowc]\npython-version = "3.11"\n', "3.11"),
    ('[project]\nname = "p"\nrequires-python = ">=3.10,<4"\n', "3.10"),
    ('[project]\nname = "p"\nrequires-python = "~=3.11"\n', "3.11"),
    ('[project]\nname = "p"\nrequires-python = ">=3.12"\n', "3.12"),
    # python-version wins over requires-python
    ('[project]\nname = "p"\nrequires-python = ">=3.12"\n[tool.flowc]\npython-version = "3.9"\n', "3.9"),
])
def test_project_decides(tmp_path, table, version):
    (tmp_path / "pyproject.toml").write_text(table)
    (tmp_path / "pkg").mkdir()
    src = tmp_path / "pkg" / "w.py"
    src.write_text(TYPE_STMT)
    refused = tuple(map(int, version.split("."))) < (3, 12)
    cli = compile_cli(src)
    assert ("E0041" in cli.stderr) == refused, cli.stderr
    if refused:
        assert f"read as Python {version}" in cli.stderr
        with pytest.raises(flowc.CompileError) as e:
            flowc.compile_file(src)
        assert e.value.diagnostics[0].code == "E0041"
    # The explicit setting wins over the project.
    assert "E0041" not in compile_cli(src, "--python-version", "3.14").stderr
    assert _project.python_version_for(str(src)) == version


def test_bad_project_setting(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.flowc]\npython-version = "3.8"\n')
    src = tmp_path / "w.py"
    src.write_text("x = 1\n")
    cli = compile_cli(src)
    assert cli.returncode != 0 and "[E0043]" in cli.stderr and "python-version = '3.8'" in cli.stderr
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_file(src)
    assert e.value.diagnostics[0].code == "E0043"


# --- the other commands that read or write Python honour the version too.
# (`flowc lint` reads only YAML: no Python version applies to it.)

HELLO = ROOT / "examples" / "hello_world.py"


def run_cli(*args, cwd=None):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_graph_reads_the_project_python(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "p"\nrequires-python = ">=3.11"\n')
    src = tmp_path / "w.py"
    src.write_text(HELLO.read_text() + "\n\n" + TYPE_STMT)
    old = run_cli("graph", "--format", "mermaid", src)
    assert old.returncode == 1 and "[E0041]" in old.stderr and "read as Python 3.11" in old.stderr, old.stderr
    new = run_cli("graph", "--format", "mermaid", "--python-version", "3.12", src)
    assert new.returncode == 0 and new.stdout.strip(), new.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.flowc]\npython-version = "3.8"\n')
    bad = run_cli("graph", "--format", "mermaid", src)
    assert bad.returncode == 1 and "[E0043]" in bad.stderr, bad.stderr


@pytest.mark.parametrize("version", VERSIONS)
def test_import_writes_python_the_version_reads(tmp_path, version):
    """The written Python is checked as the version asked for; where that
    interpreter exists, its compile() takes the file too."""
    yaml_in = ROOT / "examples" / "hello_world.yaml"
    out = tmp_path / "w.py"
    r = run_cli("import", "--python-version", version, yaml_in, "-o", out)
    assert r.returncode == 0, r.stderr
    assert not errors(out.read_text(), version)
    python = interpreter(version)
    if python:
        assert cpython_accepts(python, out.read_text())


def test_import_reads_the_project_python(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.flowc]\npython-version = "3.8"\n')
    (tmp_path / "w.yaml").write_text((ROOT / "examples" / "hello_world.yaml").read_text())
    bad = run_cli("import", tmp_path / "w.yaml")
    assert bad.returncode == 1 and "[E0043]" in bad.stderr and not bad.stdout, bad.stderr
    assert run_cli("import", "--python-version", "3.8", tmp_path / "w.yaml").returncode == 2


def test_api_python_version():
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(TYPE_STMT, "w.py", python_version="3.11")
    assert e.value.diagnostics[0].code == "E0041"
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source("x = 1\n", "w.py", python_version="2.7")
    assert e.value.diagnostics[0].code == "E0043"


@pytest.mark.parametrize("spec,lowest", [
    (">=3.10", "3.10"), (">=3.8", "3.9"), (">=3.10,<4", "3.10"), ("<3.13", "3.9"), ("~=3.11.2", "3.11"),
    ("==3.12.*", "3.12"), (">3.11", "3.11"), (">=2.7,!=3.0.*", "3.9"), (">=3.99", "3.14"), ("", "3.9"),
])
def test_requires_python_lowest(spec, lowest):
    assert _project.lowest_required_python(spec) == lowest


# --- encodings: what compile(bytes) decodes, refuses, or lets stand in a comment

ENCODED = [
    (b"# -*- coding: latin-1 -*-\nx = '\xe9'\n", None),
    (b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n", None),
    (b"# coding: klingon\nx = 1\n", "E0042"),
    (b"\n# coding: klingon\nx = 1\n", "E0042"),
    (b"x = 1\n# coding: klingon\n", None),  # line 2 counts only after a comment or blank line 1
    (b"\xef\xbb\xbf# coding: latin-1\nx = 1\n", "E0042"),
    (b"# coding: rot13\nx = 1\n", "E0042"),
    (b"x = '\xff'\n", "E0002"),
    (b"# caf\xe9\nx = 1\n", None),  # compile() never decodes a comment
    (b"# coding: utf8\n# caf\xe9\n", "E0002"),  # ... unless a UTF-8 codec is declared
    (b"# coding=cp1252\nx = '\x81'\n", "E0002"),  # not a cp1252 character
    (b"x = 1\0\n", "E0003"),
    (b"\xe2\x82\xac = 1\n", "E0"),  # '\u20ac' is no identifier character
]


@pytest.mark.parametrize("data,code", ENCODED, ids=[repr(e[0][:20]) for e in ENCODED])
def test_encodings_as_compile_reads_them(data, code):
    found = [d for d in _core.check_syntax(data, "w.py", "3.11") if d["severity"] == "error"]
    if code is None:
        assert not found, found
    else:
        assert found and found[0]["code"].startswith(code), found
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(data, "w.py", "exec", dont_inherit=True)
            cpython_ok = True
        except (SyntaxError, ValueError):
            cpython_ok = False
    assert cpython_ok == (code is None)


def test_template_string_is_never_read_as_text():
    """t"..." makes a string.templatelib.Template: a DSL value that is one is an
    error (E0101), not the text between the quotes."""
    src = ("from flowc.dsl import *\n\n\nclass W(Workflow):\n    entrypoint = 'hello'\n\n    @template\n"
           "    def hello(self) -> V1Container:\n        return V1Container(image=t'alpine:{x}')\n")
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(src, "w.py")
    assert e.value.diagnostics[0].code == "E0101"
    assert "template string" in e.value.diagnostics[0].message
