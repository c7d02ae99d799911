"""flowc lint through the API and the CLI: the diagnostics' shape, exit codes
(0 valid, 1 invalid, 2 usage/IO), several files with templates resolved across
them, bad YAML never a traceback, and YAML scalar types as Kubernetes reads them."""
from __future__ import annotations

import subprocess
import sys

import pytest

import flowc
from conftest import FLOWC, SHARED

WFT = """apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: lib}
spec:
  templates:
  - name: hello
    inputs: {parameters: [{name: who}]}
    container: {image: alpine, args: ["{{inputs.parameters.who}}"]}
"""
WF = """apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: use-}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: a
        templateRef: {name: lib, template: hello}
"""


def run(*args, cwd):
    return subprocess.run([*FLOWC, "lint", *args], cwd=cwd, capture_output=True, text=True)


def test_diagnostic_shape():
    [d] = flowc.lint(WF, "wf.yaml", templates=[("lib.yaml", WFT)])
    assert (d.severity, d.code, d.file, d.line) == ("error", "E0704", "wf.yaml", 9)
    assert "inputs.parameters.who was not supplied" in d.message
    assert d.rendered.startswith("wf.yaml:9:") and "^" in d.rendered


def test_templates_across_files(tmp_path):
    (tmp_path / "lib.yaml").write_text(WFT)
    (tmp_path / "wf.yaml").write_text(WF.replace("hello}", "hello, }\n        arguments: {parameters: [{name: who, value: me}]}").replace(", }", "}"))
    r = run("wf.yaml", "lib.yaml", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")
    # Without the library the reference is an error: Argo refuses a template it cannot find
    # (validate.go:609-618), and lint sees only the files it is given ...
    r = run("wf.yaml", cwd=tmp_path)
    assert r.returncode == 1 and "WorkflowTemplate 'lib' not found: none of the given files defines it" in r.stderr
    assert "[E0501]" in r.stderr
    # ... in Argo's own words when the given files are said to hold every template.
    r = run("wf.yaml", "--all-templates", cwd=tmp_path)
    assert r.returncode == 1 and "WorkflowTemplate 'lib' not found; " in r.stderr and "[E0703]" in r.stderr


def test_a_template_name_defined_twice_is_an_error(tmp_path):
    # Two files define WorkflowTemplate 'lib' with different templates: a
    # cluster keeps one, so a reference checked against either could be
    # checked against the wrong one. An error at the second, a note at the first.
    (tmp_path / "a.yaml").write_text(WFT)
    (tmp_path / "b.yaml").write_text(WFT.replace("name: hello", "name: other"))
    r = run("a.yaml", "b.yaml", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "b.yaml:3:18: error: WorkflowTemplate 'lib' is defined twice in the inputs" in r.stderr, r.stderr
    assert "[E0702]" in r.stderr and "a.yaml:3:18: note: the other definition" in r.stderr
    # A ClusterWorkflowTemplate of the same name is another resource: no error.
    (tmp_path / "b.yaml").write_text(WFT.replace("kind: WorkflowTemplate", "kind: ClusterWorkflowTemplate"))
    r = run("a.yaml", "b.yaml", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, "")


def test_exit_codes(tmp_path):
    (tmp_path / "bad.yaml").write_text(WF)
    r = run("bad.yaml", "-t", "missing.yaml", cwd=tmp_path)
    assert r.returncode == 2 and "cannot read missing.yaml" in r.stderr
    assert run("nope.yaml", cwd=tmp_path).returncode == 2
    assert run(cwd=tmp_path).returncode == 2  # no FILE: usage
    r = subprocess.run([*FLOWC, "lint", "-"], input=WF, capture_output=True, text=True)
    assert r.returncode == 1 and "[E0501]" in r.stderr  # the template it calls is in no given file


def test_bad_yaml_is_a_diagnostic():
    for text in ["a: [", "\t- x", "{{", "a: b\na: c", "? [a]\n: b", "*undefined", "- &a [*a]"]:
        diags = flowc.lint(text, "x.yaml", entry="workflow")
        assert diags and all(d.code.startswith(("E08", "E07")) for d in diags), (text, diags)


def test_billion_laughs_is_bounded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 10) + "]")
    diags = flowc.lint("\n".join(lines) + "\n", "bomb.yaml", entry="workflow")
    assert [d.code for d in diags] == ["E0803"]


def test_scalar_types_as_kubernetes_reads_them():
    # A plain yes is a boolean in YAML 1.1: as a label value Kubernetes sees "true";
    # quoted, it is the string "yes". Both are valid label values; a plain 1e3 is a number.
    base = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: t-\n  labels: {a: %s}\n" \
           "spec:\n  entrypoint: m\n  templates: [{name: m, container: {image: alpine}}]\n"
    assert flowc.lint(base % "yes") == []
    assert flowc.lint(base % '"yes"') == []
    assert [d.code for d in flowc.lint(base % '"no way"')] == ["E0717"]


# Argo's own examples (../shared/argo/examples), linted together: every one is
# valid except two that Argo itself marks "no-test", whose defects flowc finds,
# and those that call WorkflowTemplates defined in Argo's
# examples/workflow-template/templates.yaml, a file the shared copy does not
# hold: Argo refuses a workflow whose template it cannot find (validate.go:609-618),
# so without that file they are E0501, one per reference.
ARGO_EXAMPLES = SHARED / "argo" / "examples"
KNOWN_DEFECTS = {
    # `generateName` written under `labels`: a label value may not end with '-'.
    "fun-with-gifs.yaml": ["E0717"],
    # `annotations` given twice in metadata (Kubernetes' strict reading refuses it).
    "k8s-patch-json-workflow.yaml": ["E0802"],
    # workflow-template-print-message (2 references) is in the missing templates.yaml.
    "cluster-workflow-template/mixed-cluster-namespaced-wftmpl-steps.yaml": ["E0501", "E0501"],
    # workflow-template-print-message (3 references) and workflow-template-inner-dag.
    "workflow-template/dag.yaml": ["E0501", "E0501", "E0501", "E0501"],
    "workflow-template/hello-world.yaml": ["E0501"],
    # workflow-template-print-message (2) and workflow-template-inner-steps.
    "workflow-template/steps.yaml": ["E0501", "E0501", "E0501"],
    "workflow-template/workflow-template-ref-with-entrypoint-arg-passing.yaml": ["E0501"],
    # workflow-template-submittable (workflowTemplateRef).
    "workflow-template/workflow-template-ref.yaml": ["E0501"],
}


@pytest.mark.skipif(not ARGO_EXAMPLES.is_dir(), reason="no shared Argo examples")
def test_argo_examples_lint_clean():
    files = [(str(p.relative_to(ARGO_EXAMPLES)), p.read_text()) for p in sorted(ARGO_EXAMPLES.rglob("*.yaml"))]
    assert len(files) > 100
    found = {}
    for name, text in files:
        others = [f for f in files if f[0] != name]
        codes = [d.code for d in flowc.lint(text, name, templates=others) if d.severity == "error" and d.file == name]
        if codes:
            found[name] = codes
    assert found == KNOWN_DEFECTS


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

YAMLISH = st.lists(st.sampled_from([
    "apiVersion: argoproj.io/v1alpha1\n", "kind: Workflow\n", "kind: CronWorkflow\n", "spec:\n", "  templates:\n",
    "  - name: a\n", "    dag: {tasks: [{name: b, template: a, depends: 'b &&'}]}\n", "    steps: [[{name: c}]]\n",
    "    container: {image: x}\n", "  entrypoint: a\n", "  schedules: ['* * *']\n", "---\n", "- ", "{{", "}}", "&a ",
    "*a", "<<: ", "? ", ": ", "'", '"', "\t", "\n", "[", "]", "{", "}", "#", "|\n", "\x00", "é", "workflowSpec:\n",
]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=YAMLISH)
def test_lint_never_crashes(text):
    diags = flowc.lint(text, "r.yaml", entry=None)
    for d in diags:
        # E07xx/E08xx: the validator and the field check; E1053: the Argo version's enums.
        assert d.severity in ("error", "warning") and d.line >= 1
        assert d.code[1:3] in ("07", "08") or d.code == "E1053", d.code


def test_bytes_that_are_not_utf8_are_a_diagnostic(tmp_path):
    for data in (b'kind: Workflow\nmetadata: {name: "a\xffb"}\n', b'kind: Workflow\nmetadata: {name: "\xc3"}\x00\n',
                 b"a: \xed\xa0\x80\n"):
        (tmp_path / "bad.yaml").write_bytes(data)
        r = subprocess.run([*FLOWC, "lint", "bad.yaml"], cwd=tmp_path, capture_output=True)
        assert r.returncode == 1 and b"[E0801]" in r.stderr and b"Traceback" not in r.stderr, r.stderr
        r.stderr.decode("utf-8")  # what is printed is UTF-8
        assert [d.code for d in flowc.lint(data, "bad.yaml")] == ["E0801"]
