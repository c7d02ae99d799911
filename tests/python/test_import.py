"""`flowc import` over every file of Argo's examples (../shared/argo/examples):
import the YAML, compile the Python back, compare with the original as data
(same keys, values, types; lists in order; no normalisation), and check the
Python with `ruff check`, `ruff format --check` (ruff's defaults, pinned in
requirements-dev.txt) and CPython's compile(). Files that do not round-trip
yet are xfail with their reason (strict: an xfail that passes fails the run).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flowc
from conftest import FLOWC, SHARED, load_all

ARGO_EXAMPLES = SHARED / "argo" / "examples"
FILES = sorted(p for p in ARGO_EXAMPLES.rglob("*") if p.suffix in (".yaml", ".yml"))

# Not yet: relative path -> why (each names the blocking construct).
XFAIL = {
    "ci-output-artifact.yaml": "a multi-line quoted string in a flow sequence ends at the key's own indentation; tree-sitter-yaml applies YAML's indentation rule there (E1001), PyYAML and Go's yaml relax it",
    "ci.yaml": "a multi-line quoted string in a flow sequence ends at the key's own indentation; tree-sitter-yaml applies YAML's indentation rule there (E1001), PyYAML and Go's yaml relax it",
    "influxdb-ci.yaml": "a multi-line quoted string in a flow sequence ends at the key's own indentation; tree-sitter-yaml applies YAML's indentation rule there (E1001), PyYAML and Go's yaml relax it",
    "k8s-patch-json-workflow.yaml": "the file repeats the key 'annotations' (E1007); PyYAML keeps the last one",
    "fun-with-gifs.yaml": "metadata has neither name nor generateName (it sits under labels); the DSL always names a workflow",
    "workflow-event-binding/github-path-filter-workfloweventbinding.yaml": "the importer does not write WorkflowEventBinding classes yet (E1015), though the DSL has the kind",
}


def _id(p: Path) -> str:
    return str(p.relative_to(ARGO_EXAMPLES))


def _params():
    for p in FILES:
        reason = XFAIL.get(_id(p))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        yield pytest.param(p, id=_id(p), marks=marks)


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
    python = flowc.import_yaml(text, filename=str(path))
    compile(python, str(path.with_suffix(".py")), "exec")  # CPython accepts it
    docs = flowc.compile_to_dicts(python, filename="imported.py")
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
        if _id(path) in XFAIL:
            continue
        text = path.read_text(encoding="utf-8")
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
    expected = sorted(str(p.relative_to(src).with_suffix(".py").as_posix()) for p in src.rglob("*.yaml")
                      if _id(p) not in XFAIL)
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
