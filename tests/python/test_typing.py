"""The typed DSL: mypy and pyright (pinned in requirements-dev.txt) read
flowc.dsl's stubs, accept every example, and report a misspelled keyword, a
wrong value type and an unknown model (golden outputs in tests/cases/types/).

Each checker runs once per example set (mypy cannot take two files of the same
module name, such as examples/dag_diamond.py and examples/argo/dag_diamond.py,
in one run), never once per file: a checker's start-up is most of its time.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import flowc
import flowc.dsl
from conftest import CASES, EXAMPLES, REGEN, ROOT

TYPE_CASES = CASES / "types"
CASE_FILES = sorted(TYPE_CASES.glob("*.py"))
EXAMPLE_SETS = [sorted(EXAMPLES.glob("*.py")), sorted((EXAMPLES / "argo").glob("*.py")),
                sorted((EXAMPLES / "peak").glob("*.py"))]
# The options the docs recommend (docs/dsl.md, "Type checking"): check the bodies
# of unannotated methods too (templates often have no annotations).
MYPY_FLAGS = ["--check-untyped-defs", "--warn-unused-ignores", "--no-error-summary", "--no-pretty",
              "--show-error-codes", "--no-color-output", "--hide-error-context"]
# pyright's warnings that are expected on workflow files: `from flowc.dsl import *`
# is the DSL's idiom, and argo.workflows.dsl exists only as flowc's stubs.
PYRIGHT_ALLOWED_WARNINGS = {"reportWildcardImportFromLibrary", "reportMissingModuleSource"}


def _need(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.fail(f"{module} is not installed: pip install -r requirements-dev.txt")


@pytest.fixture(scope="module")
def mypy(tmp_path_factory):
    _need("mypy")
    cache = tmp_path_factory.mktemp("mypy-cache")

    def run(files, *extra):
        r = subprocess.run([sys.executable, "-m", "mypy", *MYPY_FLAGS, "--cache-dir", str(cache), *extra,
                            *map(str, files)], capture_output=True, text=True, cwd=ROOT)
        assert r.returncode in (0, 1), r.stdout + r.stderr  # 2: mypy itself failed
        return r

    return run


@pytest.fixture(scope="module")
def pyright(tmp_path_factory):
    _need("pyright")
    workdir = tmp_path_factory.mktemp("pyright")  # no pyproject.toml: pyright's defaults

    def run(files):
        env = dict(os.environ, PYRIGHT_PYTHON_IGNORE_WARNINGS="1")
        r = subprocess.run([sys.executable, "-m", "pyright", "--outputjson", "--pythonpath", sys.executable,
                            *map(str, files)], capture_output=True, text=True, cwd=workdir, env=env)
        assert r.stdout.startswith("{"), r.stdout + r.stderr
        return json.loads(r.stdout)["generalDiagnostics"]

    return run


def _pyright_line(d: dict) -> str:
    start = d["range"]["start"]
    message = d["message"].splitlines()[0]
    return f"{Path(d['file']).name}:{start['line'] + 1}:{start['character'] + 1}: {d['severity']}: {message} ({d.get('rule', '')})"


# -- the stubs ----------------------------------------------------------------

def _gen_models():
    spec = importlib.util.spec_from_file_location("gen_models", ROOT / "scripts" / "gen_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_files_match_the_spec():
    """scripts/gen_models.py, rerun on ../shared/argo/swagger.json, gives the committed bytes."""
    files = _gen_models().outputs()
    assert {"python/flowc/dsl/models.pyi", "python/flowc/dsl/__init__.pyi"} <= set(files)
    for rel, text in files.items():
        assert (ROOT / rel).read_text() == text, f"{rel} is stale: run python3 scripts/gen_models.py"


def _stub_all(path: Path) -> list:
    """The literal __all__ of a stub (what mypy reads)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["__all__"]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{path} has no literal __all__")


def test_stub_exports_what_the_module_exports():
    dsl = ROOT / "python" / "flowc" / "dsl"
    names = _stub_all(dsl / "__init__.pyi")
    assert sorted(names) == sorted(flowc.dsl.__all__)
    assert sorted(_stub_all(dsl / "models.pyi")) == sorted(flowc.dsl.models.__all__)
    for name in names:
        assert hasattr(flowc.dsl, name), name
    tasks = importlib.import_module("flowc.dsl.tasks")
    templates = importlib.import_module("flowc.dsl.templates")
    assert tasks.__all__ == templates.__all__ == flowc.dsl.__all__


def test_model_stub_has_keywords_types_and_docs():
    text = (ROOT / "python" / "flowc" / "dsl" / "models.pyi").read_text()
    tree = ast.parse(text)
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    container = classes["V1Container"]
    assert "single application container" in ast.get_docstring(container)
    init = next(n for n in container.body if isinstance(n, ast.FunctionDef) and n.name == "__init__")
    kwonly = {a.arg: ast.unparse(a.annotation) for a in init.args.kwonlyargs}
    assert kwonly["image"] == "str" and kwonly["image_pull_policy"] == "str"
    assert kwonly["env"] == "Sequence[_OrDict[V1EnvVar]]"
    assert ":param image_pull_policy: ``imagePullPolicy``." in ast.get_docstring(init)
    # The Python client's spelling of keywords that are Python keywords or camelCase.
    spec = {a.arg for a in next(n for n in classes["V1alpha1WorkflowSpec"].body
                                if isinstance(n, ast.FunctionDef)).args.kwonlyargs}
    assert {"pod_gc", "on_exit", "ttl_strategy"} <= spec
    artifact = {a.arg for a in next(n for n in classes["V1alpha1Artifact"].body
                                    if isinstance(n, ast.FunctionDef)).args.kwonlyargs}
    assert "_from" in artifact


def test_installed_package_ships_the_stubs():
    """The wheel carries the stubs, py.typed, and the partial argo-stubs package."""
    package = Path(flowc.__file__).parent
    for rel in ("py.typed", "dsl/__init__.pyi", "dsl/models.pyi", "dsl/tasks.pyi", "dsl/templates.pyi"):
        assert (package / rel).is_file(), rel
    argo = package.parent / "argo-stubs"
    assert (argo / "py.typed").read_text() == "partial\n"
    for rel in ("workflows/dsl/__init__.pyi", "workflows/dsl/tasks.pyi", "workflows/dsl/templates.pyi"):
        assert (argo / rel).is_file(), rel


def test_import_reads_no_stub_and_no_typing_extensions():
    """Types cost nothing at run time: `import flowc.dsl` loads neither the
    stubs nor typing_extensions (which only the stubs use)."""
    code = "import sys, flowc.dsl; print('typing_extensions' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"


def test_stubs_pass_mypy_strict(mypy):
    """An error in a stub would make its names Any, silently: the stubs
    themselves (flowc.dsl with peak, and the argo-stubs package) pass --strict."""
    r = mypy([], "--strict", "-p", "flowc.dsl", "-p", "argo", "-m", "flowc.result")
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr


# -- the examples ---------------------------------------------------------------

@pytest.mark.parametrize("files", EXAMPLE_SETS, ids=["examples", "examples-argo", "examples-peak"])
def test_examples_pass_mypy(mypy, files):
    assert files
    r = mypy(files)
    assert r.returncode == 0 and not r.stdout.strip(), r.stdout + r.stderr


def test_examples_pass_pyright(pyright):
    files = [f for group in EXAMPLE_SETS for f in group]
    diagnostics = pyright(files)
    bad = [_pyright_line(d) for d in diagnostics
           if d["severity"] == "error" or (d["severity"] == "warning" and d.get("rule") not in PYRIGHT_ALLOWED_WARNINGS)]
    assert not bad, "\n".join(bad)


# -- golden type errors -----------------------------------------------------------

def _compare(path: Path, text: str) -> None:
    if REGEN:
        path.write_text(text)
    assert path.exists(), f"{path} is missing; run with FLOWC_REGEN=1 and read the diff"
    assert text == path.read_text(), f"{path.name} differs:\n{text}"


def test_type_errors_mypy(mypy):
    r = mypy(CASE_FILES)
    assert r.returncode == 1
    by_file = {p.name: [] for p in CASE_FILES}
    for line in r.stdout.splitlines():
        head, rest = line.split(":", 1)
        by_file[Path(head).name].append(Path(head).name + ":" + rest)
    for case in CASE_FILES:
        _compare(case.with_suffix(".mypy"), "".join(x + "\n" for x in sorted(by_file[case.name], key=_line_no)))


def _line_no(line: str) -> tuple:
    parts = line.split(":")
    return (int(parts[1]), line) if len(parts) > 1 and parts[1].isdigit() else (0, line)


def test_type_errors_pyright(pyright):
    diagnostics = pyright(CASE_FILES)
    for case in CASE_FILES:
        lines = [_pyright_line(d) for d in diagnostics
                 if Path(d["file"]).name == case.name and d["severity"] == "error"]
        _compare(case.with_suffix(".pyright"), "".join(x + "\n" for x in lines))


@pytest.mark.parametrize("case,words", [
    ("misspelled_keyword", ["imgae", "retry_stategy", "contnue_on"]),
    ("wrong_value_type", ['"image"', '"command"', '"value"']),
    ("unknown_model", ["V1alpha1Paramter", "V1Containr"]),
    ("typed_reference", ["ecoh", "mesage"]),
])
def test_type_error_goldens_name_the_mistake(case, words):
    """The goldens hold the errors a user needs (not only whatever came out)."""
    mypy_text = (TYPE_CASES / f"{case}.mypy").read_text()
    pyright_text = (TYPE_CASES / f"{case}.pyright").read_text()
    for word in words:
        assert word in mypy_text, (case, word)
    assert pyright_text.count(": error: ") >= len(words) - (1 if case == "misspelled_keyword" else 0)
    for word in words:
        if case != "misspelled_keyword" or word == "imgae":
            assert word.strip('"') in pyright_text, (case, word)
