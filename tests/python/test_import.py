"""`flowc import` over every file of Argo's examples (../shared/argo/examples):
import the YAML, compile the Python back, compare with the original as data
(same keys, values, types; lists in order; no normalisation), and check the
Python with `ruff check`, `ruff format --check` (ruff's defaults, pinned in
requirements-dev.txt) and CPython's compile(). Every file, no exclusions.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import flowc
from conftest import FLOWC, SHARED, load_all

ARGO_EXAMPLES = SHARED / "argo" / "examples"
FILES = sorted(p for p in ARGO_EXAMPLES.rglob("*") if p.suffix in (".yaml", ".yml"))

# Files Argo itself refuses as written (the validator's rules, as `argo lint`):
# imported exactly, with a W1042 warning at the YAML place; `flowc compile`
# of the Python refuses them too (so they are compared with validation off).
ARGO_REFUSES = {
    "fun-with-gifs.yaml": "E0717",  # a label value ending in '-' (its generateName, written under labels)
}


def _id(p: Path) -> str:
    return str(p.relative_to(ARGO_EXAMPLES))


def _params():
    for p in FILES:
        yield pytest.param(p, id=_id(p))


def compile_back(python: str, path: Path) -> list:
    """The documents `flowc compile` makes of the imported Python; for a file
    Argo refuses, the compile must refuse it with the validator's code, and
    the documents are those of the compile without the validation stage."""
    refused = ARGO_REFUSES.get(_id(path))
    if refused is None:
        return flowc.compile_to_dicts(python, filename="imported.py")
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_to_dicts(python, filename="imported.py")
    assert {d.code for d in e.value.errors} == {refused}, str(e.value)
    return flowc._run(python, "imported.py", "argo", "yaml", validate=False)["documents"]


def same(a, b, path="") -> str:
    """'' when a and b are equal as data with the same types, else where they differ."""
    if type(a) is not type(b):
        return f"{path or '.'}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        if set(a) != set(b):
            return f"{path or '.'}: keys {sorted(set(a) ^ set(b))}"
        for k in a:
            d = same(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return ""
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path or '.'}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = same(x, y, f"{path}[{i}]")
            if d:
                return d
        return ""
    return "" if a == b else f"{path or '.'}: {a!r} != {b!r}"


def _ruff(*args: str, source: str) -> subprocess.CompletedProcess:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.fail("ruff is not installed (pip install -r requirements-dev.txt)")
    return subprocess.run([ruff, *args, "--isolated", "--stdin-filename", "imported.py", "-"], input=source,
                          capture_output=True, text=True)


@pytest.mark.parametrize("path", _params())
def test_import_round_trip(path: Path):
    text = path.read_text(encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", flowc.FlowcWarning)
        python = flowc.import_yaml(text, filename=str(path))
    codes = {w.message.code for w in caught if isinstance(w.message, flowc.FlowcWarning)}
    assert ("W1042" in codes) == (_id(path) in ARGO_REFUSES), codes
    compile(python, str(path.with_suffix(".py")), "exec")  # CPython accepts it
    docs = compile_back(python, path)
    original = load_all(text)
    assert len(docs) == len(original)
    for got, want in zip(docs, original):
        assert same(got, want) == ""
    check = _ruff("check", source=python)
    assert check.returncode == 0, check.stdout + check.stderr
    fmt = _ruff("format", "--check", source=python)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr + "\n" + python


def yaml_comments(text: str) -> list:
    """Comment texts of a YAML file, found without flowc's reader: a '#' that
    starts a line's content or follows a blank outside quotes. (Lines inside
    block scalars may be counted too; their text is content and is kept.)"""
    out = []
    for line in text.splitlines():
        quote = None
        for i, c in enumerate(line):
            if quote:
                if c == quote:
                    quote = None
            elif c in "\"'" and (i == 0 or line[i - 1] in " [{,:-"):
                quote = c
            elif c == "#" and (i == 0 or line[i - 1] in " \t"):
                body = line[i + 1:].strip()
                if body:
                    out.append(body)
                break
    return out


def test_comments_kept():
    total = kept = 0
    missing = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", flowc.FlowcWarning)
            python = flowc.import_yaml(text, filename=str(path))
        squashed = re.sub(r"\s+", " ", python)
        for c in yaml_comments(text):
            total += 1
            if re.sub(r"\s+", " ", c) in squashed:
                kept += 1
            else:
                missing.append(f"{_id(path)}: {c}")
    print(f"comments kept: {kept}/{total}")
    assert total > 100
    assert missing == []


def test_cli_import_folder_mirrors_tree(tmp_path):
    out = tmp_path / "out"
    src = ARGO_EXAMPLES / "cluster-workflow-template"
    r = subprocess.run([*FLOWC, "import", str(src), "-o", str(out) + "/"],
                       capture_output=True, text=True)
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.py"))
    expected = sorted(str(p.relative_to(src).with_suffix(".py").as_posix()) for p in src.rglob("*.yaml"))
    assert written == expected, r.stderr
    assert r.returncode == 0, r.stderr


def test_cli_failure_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: Workflow\napiVersion: argoproj.io/v1alpha1\nmetadata: {name: x}\nspec:\n  entrypont: a\n")
    out = tmp_path / "out.py"
    out.write_text("keep me\n")
    r = subprocess.run([*FLOWC, "import", str(bad), "-o", str(out)], capture_output=True, text=True)
    assert r.returncode == 1
    assert "bad.yaml:5:3: error: unknown field 'entrypont' in a workflow spec [E1012]" in r.stderr
    assert out.read_text() == "keep me\n"


def test_stdin_to_stdout():
    src = (ARGO_EXAMPLES / "hello-world.yaml").read_text()
    r = subprocess.run([*FLOWC, "import", "-"], input=src, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == flowc.import_yaml(src)


def test_readme_example_is_real_output():
    """The README's before/after example is what flowc import writes."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("## Moving from YAML", 1)[1]
    before = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    after = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert flowc.import_yaml(before) == after


TRICKY = [
    "plain text", "'single ''quoted'''", '"double \\"quoted\\" \\t tab \\u00e9"', "1", "-7", "0x1F", "0755", "1.5",
    "1e3", ".5", "true", "yes", "off", "~", "null", "", "'1'", '"true"', "[1, two, 'three']", "{a: 1, b: [x]}",
    "|\n    line one\n      indented\n    line three\n", ">\n    folded\n    text\n\n    para\n", "|-\n    no newline\n",
    "|+\n    keep\n\n", ">-\n    a\n      more\n    b\n", '"multi\n    line\n\n    quoted"', "plain\n    continued",
    '"escaped \\\n    break"', "a: b # not a comment? it is", "'#hash'", "http://x.y/z?a=b#frag",
]


@pytest.mark.parametrize("scalar", TRICKY)
def test_scalar_semantics_match_pyyaml(scalar):
    """flowc's own YAML scalar rules agree with PyYAML's (YAML 1.1) on what
    Argo files use: a verbatim manifest carrying the value round-trips."""
    text = f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  value: {scalar}\n"
    if scalar.startswith("a: b"):
        text = text.replace("  value: a: b", "  value:\n    a: b")
    python = flowc.import_yaml(text)
    assert same(flowc.compile_to_dicts(python)[0], load_all(text)[0]) == ""


HOSTILE = {
    "deep flow nesting": ("a: " + "[" * 100000 + "]" * 100000 + "\n", "E1002"),
    "deep block nesting": ("".join(" " * i + "k:\n" for i in range(3000)), "E1001"),
    "invalid UTF-8": (b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \xff}\n", "E1001"),
    "empty": ("", "E1013"),
    "only a comment": ("# hi\n", "E1013"),
    "a list document": ("- 1\n", "E1013"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_is_a_diagnostic(name):
    """Never a crash or a hang: a clang-style error with its code."""
    text, code = HOSTILE[name]
    with pytest.raises(flowc.CompileError) as e:
        flowc.import_yaml(text)
    assert e.value.errors[0].code == code, str(e.value)


def test_one_mb_line_imports():
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: " + "x" * 1_000_000 + "}\n"
    assert same(flowc.compile_to_dicts(flowc.import_yaml(text))[0], load_all(text)[0]) == ""


CRON = """\
apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata:
  name: nightly
spec:
  schedules: ["0 1 * * *"]
  workflowSpec:
    entrypoint: main
    templates:
    - name: main
      container:
        image: busybox
"""


@pytest.mark.parametrize("version,code", [("3.4", "E1043"), ("3.5", "E1043"), ("3.6", None), ("3.7", None),
                                          ("4.0", None), ("4.1", None)])
def test_argo_version_selects_the_field_tables(version, code, tmp_path):
    """`schedules` came with Argo 3.6: importing for an older version is an
    error at the key (API and command line alike); for 3.6 on, the Python
    compiles back, for that version, to the YAML."""
    if code:
        with pytest.raises(flowc.CompileError) as e:
            flowc.import_yaml(CRON, "cron.yaml", argo_version=version)
        assert [(d.code, d.line, d.column) for d in e.value.errors] == [(code, 6, 3)]
    else:
        python = flowc.import_yaml(CRON, "cron.yaml", argo_version=version)
        assert flowc.compile_to_dicts(python, argo_version=version) == load_all(CRON)
    src = tmp_path / "cron.yaml"
    src.write_text(CRON)
    for command in ([*FLOWC], [sys.executable, "-m", "flowc"]):  # the native command and the Python one
        out = tmp_path / "cron.py"
        r = subprocess.run([*command, "import", str(src), "--argo-version", version, "-o", str(out)],
                           capture_output=True, text=True)
        assert r.returncode == (1 if code else 0), (command, r.stderr)
        assert out.exists() != bool(code)
        if code:
            assert "cron.yaml:6:3: error: 'schedules' of V1alpha1CronWorkflowSpec needs Argo 3.6 or later" in r.stderr
        out.unlink(missing_ok=True)


def test_argo_version_unknown_is_refused():
    with pytest.raises(ValueError, match="unknown Argo version '2.9'"):
        flowc.import_yaml(CRON, "cron.yaml", argo_version="2.9")
    for command in ([*FLOWC], [sys.executable, "-m", "flowc"]):
        r = subprocess.run([*command, "import", "-", "--argo-version", "2.9"], input=CRON, capture_output=True, text=True)
        assert r.returncode == 2 and "--argo-version" in r.stderr, command


def test_argo_version_from_the_project(tmp_path):
    """Without --argo-version, [tool.flowc] argo-version of the file's project decides."""
    (tmp_path / "pyproject.toml").write_text('[tool.flowc]\nargo-version = "3.5"\n')
    (tmp_path / "cron.yaml").write_text(CRON)
    r = subprocess.run([sys.executable, "-m", "flowc", "import", str(tmp_path / "cron.yaml")],
                       capture_output=True, text=True)
    assert r.returncode == 1 and "[E1043]" in r.stderr, r.stderr


def test_flow_indentation_relaxed_over_many_lines():
    """A flow sequence of 20,000 lines at its key's own indentation: read
    through the relaxed copy (linear: the copy is parsed first, and its runs
    are checked in one walk), with the values and places of the file."""
    text = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: [\n"
            + "".join(f"  x{i},\n" for i in range(20000)) + "  ]\n  b: '1'\n")
    python = flowc.import_yaml(text)
    assert same(flowc.compile_to_dicts(python)[0], load_all(text)[0]) == ""


def test_flow_indentation_not_relaxed_into_a_block_scalar():
    """The relaxed copy is used only where the inserted blanks are flow
    content: a file whose real error is elsewhere keeps its own error."""
    text = "a: [\nx\n]\nb: |\n  [\n c\n"
    with pytest.raises(flowc.CompileError) as e:
        flowc.import_yaml(text)
    assert e.value.errors[0].code == "E1001"
