"""flowc run (issue 21) end to end: real processes through the installed
`flowc run` (the host executor), each construct compared with what Argo's
controller gives (the function named in each test, workflow/controller at
v4.1.2), and flowc.run from pytest."""
from __future__ import annotations

import json
import os
import re
import subprocess
import textwrap
from pathlib import Path

import pytest

import flowc
from conftest import EXAMPLES, FLOWC, ROOT, SHARED

ARGO_EXAMPLES = SHARED / "argo" / "examples"


def flowc_run(tmp_path: Path, yaml_text: str, *args: str, timeout: int = 120):
    """Runs `flowc run` on the YAML; returns (exit code, report or None, output)."""
    wf = tmp_path / "wf.yaml"
    wf.write_text(textwrap.dedent(yaml_text))
    return run_file(tmp_path, wf, *args, timeout=timeout)


def run_file(tmp_path: Path, path: Path, *args: str, timeout: int = 120):
    report = tmp_path / "report.json"
    if report.exists():
        report.unlink()
    p = subprocess.run([*FLOWC, "run", str(path), "--report", str(report), *args], capture_output=True, text=True,
                       timeout=timeout)
    data = json.loads(report.read_text()) if report.exists() else None
    return p.returncode, data, p.stdout + p.stderr


def run_spec(tmp_path: Path, body: str, *args: str, generate_name: str = "t-", timeout: int = 120):
    """`flowc run` on a Workflow whose spec is `body` (written at column 0)."""
    head = f"apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {{generateName: {generate_name}}}\nspec:\n"
    return flowc_run(tmp_path, head + textwrap.indent(textwrap.dedent(body), "  "), *args, timeout=timeout)


def by_display(report: dict) -> dict:
    out = {}
    for n in report["status"]["nodes"].values():
        out.setdefault(n["displayName"], n)
    return out


def params(node: dict) -> dict:
    return {p["name"]: p.get("value") for p in node.get("outputs", {}).get("parameters", [])}


def fnv32a(s: str) -> int:
    h = 2166136261
    for b in s.encode():
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


HEAD = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
"""


def test_dag_example_end_to_end(tmp_path):
    # The DSL example compiled and run: four Pod nodes, Argo's names and IDs
    # (Workflow.NodeID: "<wf>-<fnv32a(name)>"), exit 0.
    code, report, out = run_file(tmp_path, EXAMPLES / "dag_diamond.py")
    assert code == 0, out
    name = report["metadata"]["name"]
    assert re.fullmatch(r"dag-diamond-[bcdfghjklmnpqrstvwxz2456789]{5}", name)
    assert report["status"]["phase"] == "Succeeded"
    nodes = report["status"]["nodes"]
    for task in "ABCD":
        node_name = f"{name}.{task}"
        nid = f"{name}-{fnv32a(node_name)}"
        assert nodes[nid]["name"] == node_name
        assert nodes[nid]["type"] == "Pod"
        assert nodes[nid]["phase"] == "Succeeded"
        assert nodes[nid]["outputs"]["result"] == task
    root = nodes[name]
    assert root["type"] == "DAG"
    assert root["children"] == [f"{name}-{fnv32a(name + '.A')}"]
    assert "Succeeded" in out


def test_failed_step_exit_code_and_message(tmp_path):
    # steps.go executeStepGroup: "child '<id>' failed"; the pod's message
    # "Error (exit code 3)"; the later group never runs; exit 1.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: ok, template: ok}
          - {name: bad, template: bad}
        - - {name: never, template: ok}
      - name: ok
        container: {image: alpine, command: [echo, fine]}
      - name: bad
        container: {image: alpine, command: [sh, -c, "echo broken >&2; exit 3"]}
    """)
    assert code == 1, out
    n = by_display(report)
    assert n["bad"]["phase"] == "Failed"
    assert n["bad"]["message"] == "Error (exit code 3)"
    assert n["bad"]["outputs"]["exitCode"] == "3"
    assert n["[0]"]["message"] == f"child '{n['bad']['id']}' failed"
    assert "never" not in n
    assert report["status"]["phase"] == "Failed"
    assert report["status"]["message"] == n["[0]"]["message"]
    assert "broken" in out  # the summary shows the failed node's last output lines


def test_when_and_loops_and_aggregation(tmp_path):
    # operator.go shouldExecute (govaluate, bare words as strings);
    # steps.go expandStep names "name(i:item)"; processAggregateNodeOutputs.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - name: loop
            template: say
            arguments: {parameters: [{name: m, value: "{{item.os}}-{{item.v}}"}]}
            withItems: [{os: debian, v: 9}, {os: alpine, v: 3}]
        - - name: seq
            template: say
            arguments: {parameters: [{name: m, value: "{{item}}"}]}
            withSequence: {count: "3", format: "x%02d"}
        - - name: all
            template: say
            arguments: {parameters: [{name: m, value: "{{steps.loop.outputs.result}}"}]}
          - name: match
            template: say
            when: "'{{workflow.name}}' =~ '^t-' && 2 > 1"
            arguments: {parameters: [{name: m, value: "y"}]}
          - name: nope
            template: say
            when: "heads == tails"
            arguments: {parameters: [{name: m, value: "n"}]}
      - name: say
        inputs: {parameters: [{name: m}]}
        container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
    """)
    assert code == 0, out
    n = by_display(report)
    assert n['loop(0:{"os":"debian","v":9})']["outputs"]["result"] == "debian-9"
    assert n["seq(2:x02)"]["outputs"]["result"] == "x02"
    assert n["all"]["outputs"]["result"] == '["debian-9","alpine-3"]'
    assert n["match"]["phase"] == "Succeeded"
    assert n["nope"]["phase"] == "Skipped"
    assert n["nope"]["message"] == "when 'heads == tails' evaluated false"


def test_dag_depends_omitted_and_phase(tmp_path):
    # dag.go evaluateDependsLogic (bare names, .Failed), Omitted tasks,
    # assessDAGPhase (a Failed target fails the DAG).
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        dag:
          tasks:
          - {name: A, template: bad}
          - {name: B, template: ok, depends: A}
          - {name: C, template: ok, depends: A.Failed}
          - {name: D, template: ok, depends: "B || C"}
          - {name: E, template: bad, depends: "C && D"}
      - name: ok
        container: {image: alpine, command: ["true"]}
      - name: bad
        container: {image: alpine, command: ["false"]}
    """)
    assert code == 1, out
    n = by_display(report)
    assert n["B"]["phase"] == "Omitted" and n["B"]["type"] == "Skipped"
    assert n["B"]["message"] == "omitted: depends condition not met"
    assert n["C"]["phase"] == "Succeeded"
    assert n["D"]["phase"] == "Succeeded"
    assert n["E"]["phase"] == "Failed"
    assert report["status"]["phase"] == "Failed"


def test_retries_names_and_phase(tmp_path):
    # operator.go processNodeRetries: a Retry node with children name(0),
    # name(1)...; "No more retries left"; the retries variable.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: flaky, template: flaky}
      - name: flaky
        retryStrategy: {limit: 2}
        container: {image: alpine, command: [sh, -c, "echo try {{retries}}; exit 1"]}
    """)
    assert code == 1
    n = by_display(report)
    assert n["flaky"]["type"] == "Retry"
    assert n["flaky"]["message"] == "No more retries left"
    assert [report["status"]["nodes"][c]["displayName"] for c in n["flaky"]["children"]] == [
        "flaky(0)", "flaky(1)", "flaky(2)"]
    assert n["flaky(2)"]["outputs"]["result"] == "try 2"
    assert n["flaky(1)"]["name"].endswith("[0].flaky(1)")


def test_parameters_enum_outputs_globals_and_exit_handler(tmp_path):
    # common.ProcessArgs, executor.go SaveParameters (one newline trimmed),
    # globalName -> workflow.outputs.parameters, exit_handler.go "<wf>.onExit".
    yaml_text = HEAD + """\
      entrypoint: main
      onExit: bye
      arguments:
        parameters:
        - {name: who}
        - {name: mode, value: a, enum: [a, b]}
      templates:
      - name: main
        steps:
        - - {name: w, template: writer}
        - - name: r
            template: say
            arguments: {parameters: [{name: m, value: "{{steps.w.outputs.parameters.out}} {{workflow.parameters.who}} {{workflow.parameters.mode}}"}]}
      - name: writer
        script:
          image: python:3.12
          command: [python3]
          source: |
            import sys
            open("/tmp/out.txt", "w").write(sys.version_info.major.__str__() + "\\n")
        outputs:
          parameters:
          - {name: out, globalName: major, valueFrom: {path: /tmp/out.txt}}
      - name: say
        inputs: {parameters: [{name: m}]}
        container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
      - name: bye
        container: {image: alpine, command: [echo, "{{workflow.status}} {{workflow.outputs.parameters.major}}"]}
    """
    code, report, out = flowc_run(tmp_path, yaml_text)
    assert code == 2 and report is None  # E1202: `who` has no value; nothing ran
    assert "E1202" in out
    code, report, out = flowc_run(tmp_path, yaml_text, "-p", "who=you", "-p", "mode=c")
    assert code == 2 and "E1203" in out
    code, report, out = flowc_run(tmp_path, yaml_text, "-p", "who=you", "-p", "mode=b")
    assert code == 0, out
    n = by_display(report)
    assert params(n["w"]) == {"out": "3"}
    assert n["r"]["outputs"]["result"] == "3 you b"
    wf = report["metadata"]["name"]
    assert n[f"{wf}.onExit"]["outputs"]["result"] == "Succeeded 3"
    assert report["status"]["outputs"]["parameters"] == [{"name": "major", "value": "3"}]


def test_artifacts_between_steps_and_isolation(tmp_path):
    # Output artifacts collected from their path, input artifacts placed at
    # theirs; parallel loop children writing the same absolute path each see
    # their own file, and nothing is written on the host at those paths.
    marker = f"/tmp/flowc-run-test-{os.getpid()}.txt"
    code, report, out = flowc_run(tmp_path, HEAD + f"""\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - name: make
            template: make
            arguments: {{parameters: [{{name: v, value: "{{{{item}}}}"}}]}}
            withItems: [one, two, three]
        - - name: gen
            template: gen
        - - name: use
            template: use
            arguments: {{artifacts: [{{name: in, from: "{{{{steps.gen.outputs.artifacts.out}}}}"}}]}}
      - name: make
        inputs: {{parameters: [{{name: v}}]}}
        container: {{image: alpine, command: [sh, -c, "echo {{{{inputs.parameters.v}}}} > {marker}; sleep 0.2; cat {marker}"]}}
      - name: gen
        container: {{image: alpine, command: [sh, -c, "mkdir -p /data/out && echo payload > /data/out/x"]}}
        outputs: {{artifacts: [{{name: out, path: /data/out}}]}}
      - name: use
        inputs: {{artifacts: [{{name: in, path: /inputs/dir}}]}}
        container: {{image: alpine, command: [cat, /inputs/dir/x]}}
    """)
    assert code == 0, out
    n = by_display(report)
    assert n["make(0:one)"]["outputs"]["result"] == "one"
    assert n["make(1:two)"]["outputs"]["result"] == "two"
    assert n["make(2:three)"]["outputs"]["result"] == "three"
    assert n["use"]["outputs"]["result"] == "payload"
    assert not os.path.exists(marker)
    assert not os.path.exists("/data/out/x")


def test_independent_dag_tasks_overlap_and_views_stay_off_disk(tmp_path):
    # dag.go executeDAG starts every task whose dependencies are met, bounded
    # only by parallelism (unset here): 12 independent tasks that each sleep
    # 1 s overlap, so the DAG takes far less than 12 s (one after another:
    # >= 12 s). Each writes a file in its view; with the view folder a tmpfs
    # of the node's keeper (docs/run_isolation.md), nothing of what a node
    # wrote is on the host's disk, even with --keep (only its outputs and
    # streams are).
    tasks = "\n".join(f"          - {{name: t{i}, template: nap}}" for i in range(12))
    work = tmp_path / "work"
    import time
    start = time.monotonic()
    code, report, out = flowc_run(tmp_path, HEAD + f"""\
      entrypoint: main
      templates:
      - name: main
        dag:
          tasks:
{tasks}
      - name: nap
        container: {{image: alpine, command: [sh, -c, "echo secret-{os.getpid()} > /opt/written.txt; sleep 1"]}}
    """, "--keep", "--work-dir", str(work), timeout=60)
    elapsed = time.monotonic() - start
    assert code == 0, out
    assert report["status"]["phase"] == "Succeeded"
    assert elapsed < 8, f"12 independent 1 s tasks took {elapsed:.1f} s: they did not overlap"
    kept = [p for p in work.rglob("*") if p.is_file()]
    assert any(p.name == "stdout" for p in kept)  # the work folder was kept
    assert not [p for p in kept if p.name == "written.txt"], "a node's write reached the disk"
    assert not os.path.exists("/opt/written.txt")


def test_refused_templates_and_skip(tmp_path):
    # Refused before anything runs (exit 2, no report); --skip marks Skipped.
    yaml_text = HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: k, template: k8s}
        - - {name: hi, template: hello}
      - name: k8s
        resource: {action: create, manifest: "kind: ConfigMap"}
      - name: hello
        container: {image: alpine, command: [echo, hi]}
    """
    code, report, out = flowc_run(tmp_path, yaml_text)
    assert code == 2 and report is None
    assert re.search(r"wf\.yaml:\d+:\d+: error: template 'k8s' cannot run on this machine.*\[E1204\]", out), out
    code, report, out = flowc_run(tmp_path, yaml_text, "--skip", "k8s")
    assert code == 0, out
    n = by_display(report)
    assert n["k"]["phase"] == "Skipped" and n["hi"]["phase"] == "Succeeded"


def test_container_without_command_is_refused(tmp_path):
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        container: {image: alpine}
    """)
    assert code == 2 and "E1205" in out and "default entrypoint" in out


def test_suspend_duration_and_indefinite(tmp_path):
    # operator.go executeSuspend: a duration waits and succeeds; an
    # indefinite one fails with a message unless --resume.
    yaml_text = HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: wait, template: wait}
        - - {name: approve, template: approve}
      - name: wait
        suspend: {duration: "1"}
      - name: approve
        suspend: {}
        outputs:
          parameters:
          - name: ok
            valueFrom: {supplied: {}}
    """
    code, report, out = flowc_run(tmp_path, yaml_text)
    assert code == 1
    n = by_display(report)
    assert n["wait"]["phase"] == "Succeeded" and n["wait"]["type"] == "Suspend"
    assert n["approve"]["phase"] == "Failed" and "--resume" in n["approve"]["message"]
    code, report, out = flowc_run(tmp_path, yaml_text, "--resume", "-p", "ok=yes")
    assert code == 0, out
    assert params(by_display(report)["approve"]) == {"ok": "yes"}


def test_an_undeclared_parameter_is_added_to_the_workflows_arguments(tmp_path):
    # workflow/util/util.go ApplySubmitOpts -> overrideParameters: `argo
    # submit -p NAME=V` puts every passed parameter in spec.arguments, declared
    # or not, so {{workflow.parameters.NAME}} resolves.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      arguments: {parameters: [{name: a, value: "1"}]}
      templates:
      - name: main
        script:
          image: python:3.12
          command: [python3]
          source: print("{{workflow.parameters.a}} {{workflow.parameters.extra}}")
    """, "-p", "extra=two")
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] == "1 two"


def test_workflow_deadline_kills_and_fails(tmp_path):
    # operator.go: past spec.activeDeadlineSeconds the workflow fails with
    # "Max duration limit exceeded"; the running process is killed.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      activeDeadlineSeconds: 1
      templates:
      - name: main
        container: {image: alpine, command: [sleep, "30"]}
    """, timeout=20)
    assert code == 1
    assert report["status"]["phase"] == "Failed"
    assert report["status"]["message"] == "Max duration limit exceeded"


def test_nested_templates_and_template_ref(tmp_path):
    templates = tmp_path / "templates.yaml"
    templates.write_text(textwrap.dedent("""\
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: {name: lib}
        spec:
          templates:
          - name: shout
            inputs: {parameters: [{name: m}]}
            container: {image: alpine, command: [echo, "{{inputs.parameters.m}}!"]}
    """))
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        dag:
          tasks:
          - name: inner
            template: inner
      - name: inner
        steps:
        - - name: s
            templateRef: {name: lib, template: shout}
            arguments: {parameters: [{name: m, value: hey}]}
        outputs:
          parameters:
          - name: said
            valueFrom: {parameter: "{{steps.s.outputs.result}}"}
    """, "--templates", str(templates))
    assert code == 0, out
    n = by_display(report)
    assert n["s"]["outputs"]["result"] == "hey!"
    assert n["s"]["templateScope"] == "namespaced/lib"
    assert params(n["inner"]) == {"said": "hey!"}
    assert n["inner"]["type"] == "Steps"


def test_typed_reference_resolves_without_templates(tmp_path):
    """Issue 23: a DSL file calling a WorkflowTemplate class of another module
    (`Shared.shout(m=...)`) runs without --templates: the plan takes the
    referenced template compiled from its own module, as the templateRef
    resolves in the cluster (operator.go resolves templateRef through the
    WorkflowTemplate's spec.templates)."""
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "__init__.py").write_text("")
    (flows / "shared.py").write_text(textwrap.dedent("""\
        from flowc.dsl import V1Container, WorkflowTemplate, inputs, template


        class Lib(WorkflowTemplate):
            @template
            @inputs.parameter(name="m")
            def shout(self, m):
                return V1Container(image="alpine", command=["echo", "{{inputs.parameters.m}}!"])
    """))
    (flows / "main.py").write_text(textwrap.dedent("""\
        from flowc.dsl import Workflow, task

        from .shared import Lib


        class Main(Workflow):
            @task
            def call(self):
                return Lib.shout(m="hey")
    """))
    code, report, out = run_file(tmp_path, flows / "main.py")
    assert code == 0, out
    n = by_display(report)
    assert n["call"]["outputs"]["result"] == "hey!"
    assert n["call"]["templateScope"] == "namespaced/lib"
    assert report["status"]["phase"] == "Succeeded"


def test_dry_run_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    wf = tmp_path / "wf.yaml"
    wf.write_text(HEAD + f"""\
  entrypoint: main
  templates:
  - name: main
    container: {{image: alpine, command: [touch, {marker}]}}
""")
    p = subprocess.run([*FLOWC, "run", str(wf), "--dry-run"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "main (container)" in p.stdout
    assert not marker.exists()


def test_closure_example_runs_with_its_result(tmp_path):
    # examples/scripts_python.py: a closure script run by this environment's
    # python3; its printed number is passed on to the next task.
    code, report, out = run_file(tmp_path, EXAMPLES / "scripts_python.py")
    assert code == 0, out
    n = by_display(report)
    value = int(n["generate"]["outputs"]["result"])
    assert 1 <= value <= 100
    assert n["print"]["outputs"]["result"] == f"result was: {value}"


def test_flowc_run_api(tmp_path):
    r = flowc.run(EXAMPLES / "dag_diamond.py")
    assert r.phase == "Succeeded"
    assert r.nodes["D"].outputs.result == "D"
    assert r.nodes["D"].outputs.exit_code == 0
    with pytest.raises(flowc.RunError, match="E1205"):
        wf = tmp_path / "bad.yaml"
        wf.write_text(HEAD + "  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine}\n")
        flowc.run(wf)


def test_docs_pytest_example(tmp_path):
    # docs/run.md's pytest example, run as written.
    text = (ROOT / "docs" / "run.md").read_text()
    [code] = re.findall(r"```python test\n(.*?)```", text, re.S)
    ns: dict = {}
    exec(compile(code, "docs/run.md", "exec"), ns)
    ns["test_diamond"](tmp_path)


def test_nested_dag_never_ends_before_its_last_task(tmp_path):
    # A race (the DAG loop decided "nothing runs, so done" after joining a
    # finished task's thread, while another task ended during the join) left
    # dag-nested's outer DAG Failed with task D never started, in 13 of 30
    # runs. dag.go: the DAG is complete only when every target has a node.
    example = SHARED / "argo" / "examples" / "dag-nested.yaml"
    for attempt in range(12):
        code, report, out = run_file(tmp_path, example, "-q")
        assert code == 0, (attempt, out)
        assert {n["displayName"] for n in report["status"]["nodes"].values() if n["type"] == "DAG"} >= {"A", "B", "C", "D"}


CONTAINER_SET = """\
  entrypoint: main
  templates:
  - name: main
    volumes:
    - name: workspace
      emptyDir: {}
    containerSet:
      volumeMounts:
      - name: workspace
        mountPath: /workspace
      containers:
      - name: main
        image: alpine
        dependencies: [a]
        command: [sh, -c, "cat /workspace/msg"]
      - name: a
        image: alpine
        command: [sh, -c, "echo hi > /workspace/msg; exit CODE"]
"""


def test_container_set_in_dependency_order_with_shared_volume(tmp_path):
    # container_set_template.go: GetContainers appends the set's
    # volumeMounts to each container's; a Container node per container,
    # "<pod>.<container>"; the pod's outputs are the main container's.
    code, report, out = flowc_run(tmp_path, HEAD + CONTAINER_SET.replace("CODE", "0"))
    assert code == 0, out
    nodes = by_display(report)
    name = report["metadata"]["name"]
    assert nodes[name]["type"] == "Pod" and nodes[name]["outputs"]["result"] == "hi"
    for c in ("a", "main"):
        assert nodes[c]["type"] == "Container" and nodes[c]["phase"] == "Succeeded"
        assert nodes[c]["name"] == f"{name}.{c}"
    # `main` names `a` in its dependencies: its command ran after `a` ended
    # (it read what `a` wrote). Both containers start with the pod, as Argo's
    # do (the emissary waits inside `main`): the nodes' times say no more.
    # A failing dependency fails the pod; the container after it ends with
    # the emissary's 64 without running (test_run_pods.py has the rules).
    code, report, out = flowc_run(tmp_path, HEAD + CONTAINER_SET.replace("CODE", "3"))
    assert code == 1, out
    nodes = by_display(report)
    assert report["status"]["phase"] == "Failed" and nodes["a"]["phase"] == "Failed"
    assert nodes["main"]["phase"] == "Error" and nodes["main"]["outputs"]["exitCode"] == "64"


def test_container_set_cycle_is_refused_not_skipped(tmp_path):
    # validate.go validateContainerSetTemplate ("dependency cycle detected"):
    # a cycle used to run none of its containers and exit 0.
    body = CONTAINER_SET.replace("CODE", "0").replace("command: [sh, -c, \"echo hi", "dependencies: [main]\n        command: [sh, -c, \"echo hi")
    code, report, out = flowc_run(tmp_path, HEAD + body)
    assert code == 2 and "[E0504]" in out and report is None, out
