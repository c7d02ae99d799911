"""Every warning the compiler can report reaches the Python caller: in the
result of the API (CompileResult.warnings, Documents.warnings), through
Python's `warnings` (flowc.FlowcWarning with the CLI's clang-style text,
shown at the caller's line), from a workflow class (to_yaml / to_dict /
flowc.compile), and as an error with warnings_as_errors=True, as with -W.
"""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import textwrap
import warnings

import pytest

import flowc
from conftest import CASES, FLOWC, ROOT

PEAK_HEAD = """\
from flowc.dsl import *
from flowc.dsl import peak


@peak.workflow(image_id=1, image_version_id=1)
"""

def _case_source(name: str) -> str:
    """A golden case's input (tests/cases/compat/NAME), importable at run time:
    its `argo.workflows.dsl` imports read as `flowc.dsl`."""
    return (CASES / "compat" / name / "input.py").read_text().replace("argo.workflows.dsl", "flowc.dsl")


# One source per warning code, reporting exactly that warning: (target, source).
SOURCES = {
    "W0001": ("argo", """\
import os


def main():
    print("not a workflow")
"""),
    "W0201": ("argo", """\
from flowc.dsl import *


class Settings(Workflow):
    entrypoint = "echo"
    my_helper_value = 3

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
"""),
    "W0202": ("argo", _case_source("06_later_member_wins")),
    "W0203": ("argo", """\
from flowc.dsl import *


class W(Workflow):
    entrypoint = "echo"

    def run_echo(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine")
"""),
    "W0204": ("argo", _case_source("01_positional_placeholder")),
    "W0301": ("argo", """\
from flowc.dsl import *


class Implicit(Workflow):
    @task
    def a(self):
        return self.echo(x="1")

    @task
    @parameter(name="x", value="{{tasks.a.outputs.result}}")
    def b(self, x):
        return self.echo(x=x)

    @template
    @inputs.parameter(name="x")
    def echo(self, x) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{inputs.parameters.x}}"])
"""),
    "W0302": ("argo", """\
from flowc.dsl import *


class Typo(Workflow):
    @task
    def a(self):
        return self.echo(mesage="hi")

    @template
    @inputs.parameter(name="message", value="x")
    def echo(self, message) -> V1Container:
        return V1Container(image="alpine", command=["echo", "{{inputs.parameters.message}}"])
"""),
    "W0601": ("peak", PEAK_HEAD + """\
class PeakResources(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["date"], resources=V1ResourceRequirements(limits={"cpu": "1"}))
"""),
    "W0602": ("peak", PEAK_HEAD + """\
class PeakTimeout(Workflow):
    entrypoint = "run"

    @template(active_deadline_seconds=90)
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
"""),
    "W0603": ("peak", PEAK_HEAD + """class PeakUnusedParameter(Workflow):
    entrypoint = "run"
    arguments = V1alpha1Arguments(parameters=[V1alpha1Parameter(name="unused", value="x")])

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
"""),
    "W0604": ("peak", PEAK_HEAD + """class PeakSecretKey(Workflow):
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["env"], env=[V1EnvVar(name="token", value_from=V1EnvVarSource(
            secret_key_ref=V1SecretKeySelector(name="token", key="value")))])
"""),
    "W1040": ("argo", """\
from flowc.dsl import *


class Nameless(Workflow):
    generate_name = None
    entrypoint = "run"

    @template
    def run(self) -> V1Container:
        return V1Container(image="alpine", command=["date"])
"""),
}
CODES = sorted(SOURCES)


def _compiler_warning_codes() -> set:
    """Every W code in compiler/ (tests excluded): what the compiler can report."""
    found = set()
    for path in (ROOT / "compiler").rglob("*"):
        if path.suffix in (".cpp", ".h") and not path.name.endswith("_test.cpp"):
            found |= set(re.findall(r'"(W\d{4})"', path.read_text(errors="replace")))
    return found


# Warnings only `flowc lint` reports (YAML in, no compile): they reach the
# caller in flowc.lint()'s list, tested below, not through `warnings`.
LINT_SOURCES = {
    "W0801": """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
""",
}


# Warnings of `flowc import` (YAML in, Python out): issued by
# flowc.import_yaml as FlowcWarning, printed by the command, exit 0.
IMPORT_HEAD = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n"
IMPORT_TAIL = "spec:\n  entrypoint: main\n  templates:\n  - name: main\n    container:\n      image: busybox\n"
IMPORT_SOURCES = {
    "W1040": IMPORT_HEAD + "  labels:\n    team: a\n" + IMPORT_TAIL,
    "W1041": IMPORT_HEAD + "  generateName: a-\n  generateName: b-\n" + IMPORT_TAIL,
    "W1042": IMPORT_HEAD + "  generateName: a-\n  labels:\n    bad: value-\n" + IMPORT_TAIL,
}


def test_every_compiler_warning_has_a_source_here():
    codes = _compiler_warning_codes()
    assert codes, "no warning codes found in compiler/"
    assert codes == set(SOURCES) | set(LINT_SOURCES) | set(IMPORT_SOURCES), \
        f"warning codes without a test source: {sorted(codes - set(SOURCES) - set(LINT_SOURCES) - set(IMPORT_SOURCES))}"


@pytest.mark.parametrize("code", sorted(IMPORT_SOURCES))
def test_import_warning_reaches_the_caller(code, tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        python = flowc.import_yaml(IMPORT_SOURCES[code], "w.yaml")
    issued = [w.message for w in caught if isinstance(w.message, flowc.FlowcWarning)]
    assert [w.code for w in issued] == [code]
    assert str(issued[0]).startswith("w.yaml:")
    assert "class " in python
    # The command: the warning on stderr, the Python on stdout, exit 0.
    src = tmp_path / "w.yaml"
    src.write_text(IMPORT_SOURCES[code])
    r = subprocess.run([sys.executable, "-m", "flowc", "import", str(src)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == python
    assert "warning: " in r.stderr and f"[{code}]" in r.stderr


@pytest.mark.parametrize("code", sorted(LINT_SOURCES))
def test_lint_warning_reaches_the_caller(code):
    diagnostics = flowc.lint(LINT_SOURCES[code], "w.yaml")
    assert [(d.severity, d.code) for d in diagnostics] == [("warning", code)]
    assert str(diagnostics[0]).startswith("w.yaml:")
    errors = flowc.lint(LINT_SOURCES[code], "w.yaml", warnings_as_errors=True)
    assert [(d.severity, d.code) for d in errors] == [("error", code)]


@pytest.mark.parametrize("code", CODES)
def test_warning_reaches_the_api_and_warnings(code):
    target, source = SOURCES[code]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = flowc.compile_source(source, "w.py", target=target)
    # The API: the text is a str, and carries the diagnostics.
    assert isinstance(out, str) and isinstance(out, flowc.CompileResult)
    assert [d.code for d in out.warnings] == [code]
    assert out.diagnostics == out.warnings
    rendered = str(out.warnings[0])
    assert rendered.startswith("w.py:") and ": warning: " in rendered and f"[{code}]" in rendered
    # warnings: one FlowcWarning with the CLI's text, shown at this line.
    flowc_warnings = [w for w in caught if issubclass(w.category, flowc.FlowcWarning)]
    assert len(flowc_warnings) == 1, [str(w.message) for w in caught]
    w = flowc_warnings[0]
    assert str(w.message) == rendered.rstrip("\n")
    assert f"[{code}]" in str(w.message).splitlines()[0]
    assert w.message.diagnostic == out.warnings[0] and w.message.code == code
    assert w.filename == __file__
    # The same as the CLI prints.
    cli = _cli(source, target)
    assert cli.returncode == 0 and cli.stderr.replace("<stdin>:", "w.py:") == rendered


@pytest.mark.parametrize("code", CODES)
def test_warnings_as_errors_as_with_dash_w(code, tmp_path):
    target, source = SOURCES[code]
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(source, "w.py", target=target, warnings_as_errors=True)
    assert [d.code for d in e.value.errors] == [code]
    assert _cli(source, target, "-W").returncode == 1
    with pytest.raises(flowc.CompileError):
        flowc.compile_to_dicts(source, "w.py", target=target, warnings_as_errors=True)


@pytest.mark.parametrize("code", CODES)
def test_warning_reaches_compile_to_dicts(code):
    target, source = SOURCES[code]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = flowc.compile_to_dicts(source, "w.py", target=target)
    assert isinstance(docs, list)
    assert [d.code for d in docs.warnings] == [code]
    assert [w.message.code for w in caught if issubclass(w.category, flowc.FlowcWarning)] == [code]


def _load_class(tmp_path, code):
    """Imports the source as a module (the DSL's stand-ins run, nothing else)
    and returns its workflow class."""
    path = tmp_path / f"wf_{code.lower()}.py"
    path.write_text(SOURCES[code][1])
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from flowc.dsl import Workflow
    [cls] = [v for v in vars(module).values() 
             if isinstance(v, type) and issubclass(v, Workflow) and v.__module__ == module.__name__]
    return path, cls


@pytest.mark.parametrize("code", [c for c in CODES if c != "W0001"])  # W0001: a class is a workflow
def test_warning_reaches_a_workflow_class(code, tmp_path):
    target = SOURCES[code][0]
    path, cls = _load_class(tmp_path, code)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = cls().to_yaml(target=target)
        doc = cls().to_dict(target=target)
        same = flowc.compile(cls, target=target)
    assert isinstance(doc, dict)
    assert [d.code for d in text.warnings] == [code] and same == text
    got = [w for w in caught if issubclass(w.category, flowc.FlowcWarning)]
    assert [w.message.code for w in got] == [code] * 3
    assert all(str(w.message).startswith(f"{path}:") for w in got)
    assert all(w.filename == __file__ for w in got)  # shown at the user's call, not in flowc
    with pytest.raises(flowc.CompileError) as e:
        cls().to_yaml(target=target, warnings_as_errors=True)
    assert [d.code for d in e.value.errors] == [code]


def test_warning_is_shown_by_default_filters():
    """With Python's default filters the warning shows (on stderr) at the call."""
    _, source = SOURCES["W0301"]
    code = textwrap.dedent(f"""
        import flowc
        flowc.compile_source({source!r}, "w.py")
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "FlowcWarning: w.py:10:32: warning: task 'b' uses an output of 'a'" in r.stderr
    assert "[W0301]" in r.stderr and "^~~~" in r.stderr


def test_no_warning_no_noise():
    src = (ROOT / "examples" / "hello_world.py").read_text()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning would raise
        out = flowc.compile_source(src, "hello.py")
    assert out.diagnostics == [] and out.text == str(out)
    assert out.documents[0]["kind"] == "Workflow"


def _cli(source: str, target: str, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([*FLOWC, "compile", "--target", target, *flags, "-"],
                          input=source, capture_output=True, text=True)
