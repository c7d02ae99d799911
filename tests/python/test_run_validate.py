"""`flowc run` of a YAML file runs Argo's validator first (issue 21;
compiler/run/validate_yaml.h): what Argo's submission refuses is refused
before anything runs, exit 2, with the diagnostics `flowc lint` gives for the
same file at the same lines, and the run's own checks are not repeated.

The documents are Argo's own validator tests (../shared/argo/validate-cases,
v4.1.2) that Argo refuses, copied into the test's folder and run from there:
every one whose entry is its own kind and whose refusal does not depend on
Argo's Lint option (a workflow argument without a value is the run's own
E1202, after -p / --parameter-file are bound)."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import FLOWC, SHARED
from test_run import by_display, flowc_run, run_file

CASES_DIR = SHARED / "argo" / "validate-cases"
ERROR = re.compile(r"^\S+:\d+:\d+: error: .*\[(E\d{4})\]$", re.M)


def refused_cases():
    if not CASES_DIR.is_dir():
        return []
    out = []
    for case in sorted(p for p in CASES_DIR.iterdir() if p.is_dir()):
        expect = json.loads((case / "expect.json").read_text())
        kind = re.search(r"^kind:\s*(\S+)", (case / "workflow.yaml").read_text(), re.M)
        own_kind = kind and {"Workflow": "workflow", "WorkflowTemplate": "workflow_template",
                             "ClusterWorkflowTemplate": "cluster_workflow_template",
                             "CronWorkflow": "cron_workflow"}.get(kind.group(1)) == expect["entry"]
        if expect["outcome"] == "error" and own_kind:
            out.append(case)
    return out


def lint_errors(folder, *templates):
    args = [*FLOWC, "lint", "workflow.yaml", "--all-templates"]
    for t in templates:
        args += ["--templates", t]
    p = subprocess.run(args, cwd=folder, capture_output=True, text=True)
    return p.returncode, ERROR.findall(p.stderr), [line for line in p.stderr.splitlines() if ": error: " in line]


@pytest.mark.skipif(not CASES_DIR.is_dir(), reason=f"{CASES_DIR} not present")
@pytest.mark.parametrize("case", refused_cases(), ids=lambda p: p.name)
def test_run_refuses_what_argo_refuses(case, tmp_path):
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(case / "workflow.yaml", folder / "workflow.yaml")
    templates = []
    if (case / "templates.yaml").exists():
        shutil.copy(case / "templates.yaml", folder / "templates.yaml")
        templates = ["templates.yaml"]
    _, lint_codes, lint_lines = lint_errors(folder, *templates)
    args = [*FLOWC, "run", "workflow.yaml", "--report", str(tmp_path / "r.json")]
    for t in templates:
        args += ["--templates", t]
    p = subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=60)
    assert p.returncode == 2, p.stdout + p.stderr
    assert not (tmp_path / "r.json").exists()  # nothing ran
    if not lint_codes:
        # Only Argo's Opts{} (no Lint) refuses it: a workflow argument without
        # a value, which the run binds later and names (E1202).
        assert ERROR.findall(p.stderr) == ["E1202"], p.stderr
        return
    run_lines = [line for line in p.stderr.splitlines() if ": error: " in line]
    # The validator's diagnostics, word for word and at the same places, and nothing else.
    assert run_lines == lint_lines, p.stderr


def test_several_validate_cases_are_checked():
    # The parametrized test above must not quietly become empty.
    assert len(refused_cases()) >= 40


def test_hook_naming_its_own_steps_outputs_refused(tmp_path):
    # validate.go:1002-1004: a step's outputs are in its own hooks' scope
    # only when it has an exit hook; Argo refuses the first run, accepts the second.
    body = """\
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: hook-}
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: a
              template: echo
              hooks:
                %s
                done:
                  expression: steps["a"].status == "Succeeded"
                  template: note
                  arguments: {parameters: [{name: what, value: "got {{steps.a.outputs.result}}"}]}
        - name: echo
          container: {image: alpine, command: [echo, hi]}
        - name: note
          inputs: {parameters: [{name: what}]}
          container: {image: alpine, command: [echo, "{{inputs.parameters.what}}"]}
    """
    code, report, out = flowc_run(tmp_path, body % "")
    assert code == 2 and report is None, out
    assert re.search(r"wf\.yaml:16:\d+: error: templates\.main\.steps: failed to resolve \{\{steps\.a\.outputs\.result\}\}"
                     r".*own hooks only when X has an exit hook.*\[E0705\]", out), out
    code, report, out = flowc_run(tmp_path, body % "exit: {template: note, arguments: {parameters: [{name: what, value: bye}]}}")
    assert code == 0, out
    assert by_display(report)["a.hooks.done"]["outputs"]["result"] == "got hi"


def test_template_defaults_input_refused_and_retries_accepted(tmp_path):
    # validate.go:461-464: a template's inputs are its own, templateDefaults'
    # are merged only when the controller runs it: refused at submission.
    code, report, out = flowc_run(tmp_path, """\
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: td-}
      spec:
        entrypoint: main
        templateDefaults:
          inputs: {parameters: [{name: greeting, value: hello}]}
        templates:
        - name: main
          container: {image: alpine, command: [echo, "{{inputs.parameters.greeting}}"]}
    """)
    assert code == 2 and report is None and "failed to resolve {{inputs.parameters.greeting}}" in out, out
    # {{retries}} with the retryStrategy from templateDefaults: Argo's validator
    # does not check it, and the merged template has it: it runs.
    code, report, out = flowc_run(tmp_path, """\
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: td-}
      spec:
        entrypoint: main
        templateDefaults: {retryStrategy: {limit: "1"}}
        templates:
        - name: main
          container: {image: alpine, command: [echo, "try {{retries}}"]}
    """)
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["type"] == "Retry"


def test_entrypoint_and_parameters_applied_before_validation(tmp_path):
    # argo submit --entrypoint / -p (workflow/util/util.go ApplySubmitOpts)
    # change the document before the server validates it: no entrypoint in
    # the file is no error with --entrypoint, and a -p value replaces the
    # declared parameter whole (its enum too).
    wf = tmp_path / "w.yaml"
    wf.write_text("""\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: sub-}
spec:
  arguments:
    parameters:
    - {name: who, value: nobody, enum: [world]}
  templates:
  - name: main
    container: {image: alpine, command: [echo, "{{workflow.parameters.who}}"]}
""")
    code, report, out = run_file(tmp_path, wf)
    assert code == 2 and report is None and "[E0" in out, out  # no entrypoint; value not in its enum
    code, report, out = run_file(tmp_path, wf, "--entrypoint", "main", "-p", "who=world")
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] == "world"
    # --parameter-file likewise (ApplySubmitOpts reads it after -p).
    values = tmp_path / "values.yaml"
    values.write_text("who: world\n")
    code, report, out = run_file(tmp_path, wf, "--entrypoint", "main", "--parameter-file", str(values))
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] == "world"
