"""flowc run (issue 21): the Argo semantics added after the first runner —
spec.templateDefaults, volumes, and what must be refused before running —
each through the installed `flowc run` with real processes, compared with
what Argo's controller does (the source named in each test, tag v4.1.2)."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

from test_run import HEAD, by_display, flowc_run


def children(report: dict, node: dict) -> list:
    return [report["status"]["nodes"][c]["displayName"] for c in node.get("children", [])]


# ---- spec.templateDefaults ---------------------------------------------------

def test_template_defaults_merged_under_every_template(tmp_path):
    # operator.go executeTemplate -> woc.mergedTemplateDefaultsInto: a
    # strategic merge patch of each template onto spec.templateDefaults.
    # The defaults' retryStrategy reaches every template (the steps template
    # too: a Retry node with child "<wf>(0)"), a template's own retryStrategy
    # wins over it, and inputs.parameters merge by name (patchMergeKey name):
    # the template keeps its own `who` default, and gains `greeting`. The
    # template does not name {{inputs.parameters.greeting}}: Argo's validator
    # scopes a template's own inputs only (validate.go:461-464, 667-674) and
    # refuses it at submission (tests/cases/lint/template_defaults_inputs_not_in_scope);
    # {{retries}} it does not check, and the merged retryStrategy gives it.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templateDefaults:
        retryStrategy: {limit: "2"}
        inputs:
          parameters:
          - {name: greeting, default: hello}
          - {name: who, default: nobody}
      templates:
      - name: main
        steps:
        - - {name: flaky, template: flaky}
        - - {name: strict, template: strict, continueOn: {failed: true}}
      - name: flaky
        inputs:
          parameters:
          - {name: who, default: world}
        script:
          image: alpine
          command: [sh]
          source: |
            echo "{{inputs.parameters.who}} {{retries}}"
            test {{retries}} -ge 2
      - name: strict
        retryStrategy: {limit: "0"}
        container: {image: alpine, command: [sh, -c, "exit 3"]}
    """)
    assert code == 0, out
    n = by_display(report)
    wf = report["metadata"]["name"]
    assert n[wf]["type"] == "Retry" and children(report, n[wf]) == [f"{wf}(0)"]
    assert n[f"{wf}(0)"]["type"] == "Steps"
    assert n["flaky"]["type"] == "Retry" and n["flaky"]["phase"] == "Succeeded"
    assert children(report, n["flaky"]) == ["flaky(0)", "flaky(1)", "flaky(2)"]
    assert [n[f"flaky({i})"]["phase"] for i in range(3)] == ["Failed", "Failed", "Succeeded"]
    assert n["flaky(2)"]["outputs"]["result"] == "world 2"
    inputs = {p["name"]: p.get("value") for p in n["flaky(2)"]["inputs"]["parameters"]}
    assert inputs == {"greeting": "hello", "who": "world"}
    # limit "0" from the template: one attempt, no retries.
    assert n["strict"]["type"] == "Retry" and children(report, n["strict"]) == ["strict(0)"]
    assert n["strict"]["phase"] == "Failed"
    # The report's spec is the workflow as written (Argo keeps spec as submitted).
    assert "retryStrategy" not in report["spec"]["templates"][1]


def test_template_defaults_timeout(tmp_path):
    # templateDefaults.timeout bounds every Pod node (operator.go: the
    # merged template's timeout becomes the pod's deadline).
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templateDefaults: {timeout: 1s}
      templates:
      - name: main
        steps:
        - - {name: slow, template: slow}
      - name: slow
        container: {image: alpine, command: [sleep, "20"]}
    """, timeout=60)
    assert code == 1, out
    n = by_display(report)
    assert n["slow"]["phase"] == "Failed"


def test_template_defaults_type_conflict_refused(tmp_path):
    # Argo's mergedTemplateDefaultsInto refuses a merge that changes a
    # template's type (a container in the defaults under a steps template).
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templateDefaults:
        container: {image: alpine, command: [echo]}
      templates:
      - name: main
        steps:
        - - {name: a, template: a}
      - name: a
        container: {image: alpine, command: [echo, hi]}
    """)
    assert code == 2 and report is None
    assert "[E1220]" in out and "'main'" in out


# ---- volumes -----------------------------------------------------------------

def test_volume_claim_shared_between_nodes(tmp_path):
    # operator.go createPVCs: a volumeClaimTemplate is one claim for the
    # whole workflow; every pod that mounts it sees what earlier pods wrote.
    # The mount path is made in the node's own view (nothing on the host).
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      volumeClaimTemplates:
      - metadata: {name: workdir}
        spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
      templates:
      - name: main
        steps:
        - - {name: write, template: write}
        - - {name: read, template: read}
      - name: write
        container:
          image: alpine
          command: [sh, -c, "echo one > /flowc-test-vol/sub/f.txt || exit 5; mkdir -p /flowc-test-vol/sub/d"]
          volumeMounts: [{name: workdir, mountPath: /flowc-test-vol/sub}]
      - name: read
        container:
          image: alpine
          command: [sh, -c, "cat /mnt/w/f.txt; test -d /mnt/w/d"]
          volumeMounts: [{name: workdir, mountPath: /mnt/w}]
    """)
    assert code == 0, out
    assert by_display(report)["read"]["outputs"]["result"] == "one"
    assert not Path("/flowc-test-vol").exists()


def test_empty_dir_is_per_pod(tmp_path):
    # An emptyDir lives and dies with its pod: a second pod mounting the
    # same template volume starts empty.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: first, template: scratch}
        - - {name: second, template: scratch}
      - name: scratch
        volumes: [{name: s, emptyDir: {}}]
        container:
          image: alpine
          command: [sh, -c, "ls /scratch | wc -l; touch /scratch/x"]
          volumeMounts: [{name: s, mountPath: /scratch}]
    """)
    assert code == 0, out
    n = by_display(report)
    assert n["first"]["outputs"]["result"].strip() == "0"
    assert n["second"]["outputs"]["result"].strip() == "0"


def test_config_map_volume_refused_then_mapped(tmp_path):
    # A configMap volume's content is in the cluster: refused before running,
    # at the volume, naming --volume; mapped to a local folder it is mounted
    # read-only (a configMap volume is read-only in a pod too).
    wf = HEAD + """\
      entrypoint: main
      volumes:
      - name: cfg
        configMap: {name: my-config}
      templates:
      - name: main
        container:
          image: alpine
          command: [sh, -c, "cat /etc/cfg/greeting; touch /etc/cfg/x 2>/dev/null && echo writable || echo read-only"]
          volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
    """
    code, report, out = flowc_run(tmp_path, wf)
    assert code == 2 and report is None
    assert "wf.yaml:8:" in out and "[E1221]" in out and "--volume cfg=PATH" in out, out
    local = tmp_path / "cfg"
    local.mkdir()
    (local / "greeting").write_text("hi from the map\n")
    code, report, out = flowc_run(tmp_path, wf, "--volume", f"cfg={local}")
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] == "hi from the map\nread-only"
    assert sorted(p.name for p in local.iterdir()) == ["greeting"]


def test_volume_mount_of_unknown_volume_refused(tmp_path):
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        container:
          image: alpine
          command: [ls, /x]
          volumeMounts: [{name: nope, mountPath: /x}]
    """)
    assert code == 2 and report is None
    assert "[E1221]" in out and "'nope'" in out


# ---- fromExpression, ConfigMap values ------------------------------------------

def test_output_artifact_from_expression(tmp_path, ):
    # scope.go resolveArtifact: fromExpression is an expr program over the
    # steps template's scope; its result must be an artifact, else the node
    # is in Error ("... is not an artifact").
    wf = HEAD + """\
      entrypoint: main
      arguments: {parameters: [{name: pick, value: b}]}
      templates:
      - name: main
        steps:
        - - {name: a, template: write, arguments: {parameters: [{name: text, value: from-a}]}}
          - {name: b, template: write, arguments: {parameters: [{name: text, value: from-b}]}}
        outputs:
          artifacts:
          - name: chosen
            fromExpression: "workflow.parameters.pick == 'a' ? steps.a.outputs.artifacts.out : steps.b.outputs.artifacts.out"
      - name: write
        inputs: {parameters: [{name: text}]}
        container: {image: alpine, command: [sh, -c, "echo -n {{inputs.parameters.text}} > /tmp/out"]}
        outputs: {artifacts: [{name: out, path: /tmp/out}]}
    """
    for pick in ("a", "b"):
        code, report, out = flowc_run(tmp_path, wf, "-p", f"pick={pick}", "--work-dir", str(tmp_path / f"w{pick}"))
        assert code == 0, out
        main = by_display(report)[report["metadata"]["name"]]
        art = {a["name"]: a for a in main["outputs"]["artifacts"]}["chosen"]
        assert Path(art["localPath"]).read_text() == f"from-{pick}"
    bad = wf.replace("steps.b.outputs.artifacts.out\"", "steps.b.outputs.exitCode\"")
    code, report, out = flowc_run(tmp_path, bad, "-p", "pick=b")
    assert code == 1, out
    main = by_display(report)[report["metadata"]["name"]]
    assert main["phase"] == "Error" and "is not an artifact" in main["message"]


def test_input_parameter_from_config_map(tmp_path):
    # common.ProcessArgs: valueFrom.configMapKeyRef gives the ConfigMap's
    # value; its valueFrom.default only when the ConfigMap is missing. flowc
    # reads no ConfigMap: --configmap NAME/KEY=VALUE, else the default, else
    # refused before running (E1222) at the parameter.
    wf = HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: show, template: show}
          - {name: fallback, template: fallback}
      - name: show
        inputs:
          parameters:
          - name: msg
            valueFrom: {configMapKeyRef: {name: settings, key: msg}}
        container: {image: alpine, command: [echo, "{{inputs.parameters.msg}}"]}
      - name: fallback
        inputs:
          parameters:
          - name: msg
            valueFrom: {configMapKeyRef: {name: other, key: msg}, default: the-default}
        container: {image: alpine, command: [echo, "{{inputs.parameters.msg}}"]}
    """
    code, report, out = flowc_run(tmp_path, wf)
    assert code == 2 and report is None
    assert "wf.yaml:15:" in out and "[E1222]" in out and "--configmap settings/msg=VALUE" in out, out
    code, report, out = flowc_run(tmp_path, wf, "--configmap", "settings/msg=hello from the map")
    assert code == 0, out
    n = by_display(report)
    assert n["show"]["outputs"]["result"] == "hello from the map"
    assert n["fallback"]["outputs"]["result"] == "the-default"
    code, _, out = flowc_run(tmp_path, wf, "--configmap", "settings=x")
    assert code == 2 and "--configmap expects NAME/KEY=VALUE" in out


def test_workflow_parameter_from_config_map(tmp_path):
    wf = HEAD + """\
      entrypoint: main
      arguments:
        parameters:
        - name: level
          valueFrom: {configMapKeyRef: {name: settings, key: level}}
      templates:
      - name: main
        container: {image: alpine, command: [echo, "{{workflow.parameters.level}}"]}
    """
    code, report, out = flowc_run(tmp_path, wf)
    assert code == 2 and "[E1209]" in out and "--configmap settings/level=VALUE" in out, out
    code, report, out = flowc_run(tmp_path, wf, "--configmap", "settings/level=3")
    assert code == 0, out
    assert by_display(report)[report["metadata"]["name"]]["outputs"]["result"] == "3"


def test_flowc_run_api_volumes_and_config_maps(tmp_path):
    import flowc
    data = tmp_path / "data"
    data.mkdir()
    (data / "seed.txt").write_text("seed")
    wf = tmp_path / "api.yaml"
    wf.write_text(textwrap.dedent(HEAD + """\
      entrypoint: main
      volumes:
      - {name: store, persistentVolumeClaim: {claimName: existing}}
      templates:
      - name: main
        inputs:
          parameters:
          - name: suffix
            valueFrom: {configMapKeyRef: {name: cm, key: suffix}}
        container:
          image: alpine
          command: [sh, -c, "cat /store/seed.txt; echo -n {{inputs.parameters.suffix}} >> /store/seed.txt"]
          volumeMounts: [{name: store, mountPath: /store}]
    """))
    r = flowc.run(wf, volumes={"store": data}, config_maps={"cm/suffix": "-more"})
    assert r.phase == "Succeeded"
    assert r.nodes[r.report["metadata"]["name"]].outputs.result == "seed"
    # The claim started as a copy: the local folder is untouched.
    assert (data / "seed.txt").read_text() == "seed"


# ---- semaphores ------------------------------------------------------------------

SEMAPHORE_WF = HEAD + """\
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: work, template: work, withSequence: {count: "5"}}
  - name: work
    synchronization:
      semaphores:
      - configMapKeyRef: {name: my-config, key: template}
    container:
      image: alpine
      command: [sh, -c, "date +%s.%N; sleep 0.6; date +%s.%N"]
"""


def most_at_once(report: dict) -> int:
    spans = []
    for n in report["status"]["nodes"].values():
        if n["type"] == "Pod":
            start, end = map(float, n["outputs"]["result"].split())
            spans.append((start, end))
    assert len(spans) == 5
    return max(sum(1 for s, e in spans if s <= t < e) for t, _ in spans)


def test_semaphore_limits_running_nodes(tmp_path):
    # semaphore.go: at most `limit` holders; the others wait (Pending, with
    # "Waiting for ... lock") and run as holders release it.
    code, report, out = flowc_run(tmp_path, textwrap.dedent(SEMAPHORE_WF), "--semaphore", "my-config/template=2")
    assert code == 0, out
    assert most_at_once(report) == 2
    # The ConfigMap's own value, given with --configmap, is the same limit.
    code, report, out = flowc_run(tmp_path, textwrap.dedent(SEMAPHORE_WF), "--configmap", "my-config/template=1")
    assert code == 0, out
    assert most_at_once(report) == 1


def test_semaphore_without_limit_refused(tmp_path):
    code, report, out = flowc_run(tmp_path, textwrap.dedent(SEMAPHORE_WF))
    assert code == 2 and report is None
    assert "wf.yaml:14:" in out and "[E1223]" in out and "--semaphore my-config/template=N" in out, out
    code, report, out = flowc_run(tmp_path, textwrap.dedent(SEMAPHORE_WF), "--semaphore", "my-config/template=two")
    assert code == 2 and "is not a whole number" in out and "[E1223]" in out


# ---- lifecycle hooks other than exit --------------------------------------------

def test_step_hooks_run_when_their_expression_becomes_true(tmp_path):
    # hooks.go executeTmplLifeCycleHook: evaluated while the step runs and once
    # it has finished; a true expression runs the hook's template once, as
    # "<step>.hooks.<name>", a child of the step; a false one never runs.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - name: step-1
            template: slow
            hooks:
              running:
                expression: steps["step-1"].status == "Running"
                template: note
                arguments: {parameters: [{name: what, value: running}]}
              succeeded:
                expression: steps["step-1"].status == "Succeeded"
                template: note
                arguments: {parameters: [{name: what, value: "done {{steps.step-1.status}}"}]}
              failed:
                expression: steps["step-1"].status == "Failed"
                template: note
                arguments: {parameters: [{name: what, value: failed}]}
      - name: slow
        container: {image: alpine, command: [sh, -c, "sleep 0.5; echo out"]}
      - name: note
        inputs: {parameters: [{name: what}]}
        container: {image: alpine, command: [echo, "{{inputs.parameters.what}}"]}
    """)
    assert code == 0, out
    n = by_display(report)
    step = n["step-1"]
    assert n["step-1.hooks.running"]["outputs"]["result"] == "running"
    # Not {{steps.step-1.outputs.result}}: Argo's validator puts a step's
    # outputs in its own hooks' scope only when it has an exit hook
    # (validate.go:1002-1004) and refuses it otherwise (test_run_validate.py).
    assert n["step-1.hooks.succeeded"]["outputs"]["result"] == "done Succeeded"
    assert "step-1.hooks.failed" not in n
    assert set(children(report, step)) == {"step-1.hooks.running", "step-1.hooks.succeeded"}
    # The running hook started while the step was still running.
    assert n["step-1.hooks.running"]["startedAt"] <= step["finishedAt"]


def test_task_and_workflow_hooks(tmp_path):
    # hooks.go executeWfLifeCycleHook: the workflow's hooks see
    # workflow.status; their nodes are "<wf>.hooks.<name>", children of the
    # entry node. A DAG task's hooks see tasks.X.status.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      hooks:
        running:
          expression: workflow.status == "Running"
          template: note
        never:
          expression: workflow.status == "Pending"
          template: note
      templates:
      - name: main
        dag:
          tasks:
          - name: a
            template: note
            hooks:
              ok: {expression: tasks.a.status == "Succeeded", template: note}
      - name: note
        container: {image: alpine, command: [echo, hi]}
    """)
    assert code == 0, out
    n = by_display(report)
    wf = report["metadata"]["name"]
    assert n[f"{wf}.hooks.running"]["phase"] == "Succeeded"
    assert f"{wf}.hooks.running" in children(report, n[wf])
    assert f"{wf}.hooks.never" not in n
    assert n["a.hooks.ok"]["phase"] == "Succeeded"


def failures_of(text: str) -> list:
    # operator.go operate: globalParams[workflow.failures] =
    # strconv.Quote(json.Marshal(failures)): a quoted JSON text, which
    # simple_template.go substitutes as it is.
    assert text.startswith('"[{\\"displayName\\":'), text
    return json.loads(json.loads(text))


def test_workflow_hook_sees_the_end_phase_and_failures(tmp_path):
    # operator.go operate: once executeTemplate of the entry returns, it sets
    # workflow.status (the node phase as a workflow phase) and
    # workflow.failures (every Failed/Error node, whatever its type), then
    # calls executeWfLifeCycleHook; so a workflow hook sees "Running" while
    # the entry runs and "Failed" once it failed, with the failures.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      hooks:
        failed:
          expression: workflow.status == "Failed"
          template: show
          arguments: {parameters: [{name: failures, value: "{{workflow.failures}}"}]}
        running:
          expression: workflow.status == "Running"
          template: note
      templates:
      - name: main
        steps:
        - - {name: bad, template: bad}
      - name: bad
        container: {image: alpine, command: [sh, -c, "sleep 0.3; exit 3"]}
      - name: note
        container: {image: alpine, command: [echo, hi]}
      - name: show
        inputs: {parameters: [{name: failures}]}
        container: {image: alpine, command: [echo, "{{inputs.parameters.failures}}"]}
    """)
    assert code == 1, out
    n = by_display(report)
    wf = report["metadata"]["name"]
    assert n[f"{wf}.hooks.running"]["phase"] == "Succeeded"
    failures = failures_of(n[f"{wf}.hooks.failed"]["outputs"]["result"])
    by_name = {f["displayName"]: f for f in failures}
    # The Steps node and its group failed too: Argo lists every node type.
    assert {wf, "[0]", "bad"} <= set(by_name), failures
    assert by_name["bad"]["message"] == "Error (exit code 3)"
    assert by_name["bad"]["templateName"] == "bad" and by_name[wf]["templateName"] == "main"
    assert all(f["phase"] == "Failed" and f["finishedAt"] for f in failures)
    assert list(by_name["bad"]) == ["displayName", "message", "templateName", "phase", "podName", "finishedAt"]


def test_exit_handler_sees_failures_as_a_quoted_json_list(tmp_path):
    # operator.go operate: the exit handler runs after workflow.status and
    # workflow.failures are set; the failures are strconv.Quote(json), so a
    # program reads them with two JSON decodings. (examples/exit-handlers.yaml
    # suggests `echo "{{workflow.failures}}" | jq`, which the shell breaks on
    # a message such as "Error (exit code 2)", in Argo as here.)
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      onExit: report
      templates:
      - name: main
        steps:
        - - {name: bad, template: bad}
      - name: bad
        container: {image: alpine, command: [sh, -c, "exit 2"]}
      - name: report
        container:
          image: alpine
          command:
          - python3
          - -c
          - "import json, sys; print(sorted(f['displayName'] for f in json.loads(json.loads(sys.argv[1]))))"
          - "{{workflow.failures}}"
    """)
    assert code == 1, out
    n = by_display(report)
    wf = report["metadata"]["name"]
    assert n[f"{wf}.onExit"]["outputs"]["result"] == str(sorted([wf, "[0]", "bad"]))


def test_value_from_path_of_a_device_or_fifo(tmp_path):
    # cmd/argoexec/commands/emissary.go saveParameter: os.Open then io.Copy
    # of the path. /dev/null ends at once (''); /dev/zero never ends (Argo's
    # pod copies until its deadline): flowc stops at 1 MiB with an Error; a
    # FIFO's open waits for a writer that is gone: an Error, not ''.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: null-dev, template: null-dev}
          - {name: zero-dev, template: zero-dev}
          - {name: fifo, template: fifo}
      - name: null-dev
        container: {image: alpine, command: ["true"]}
        outputs: {parameters: [{name: v, valueFrom: {path: /dev/null}}]}
      - name: zero-dev
        container: {image: alpine, command: ["true"]}
        outputs: {parameters: [{name: v, valueFrom: {path: /dev/zero}}]}
      - name: fifo
        container: {image: alpine, command: [mkfifo, /tmp/f]}
        outputs: {parameters: [{name: v, valueFrom: {path: /tmp/f}}]}
    """, timeout=60)
    assert code == 1, out
    n = by_display(report)
    assert n["null-dev"]["phase"] == "Succeeded"
    assert [(p["name"], p["value"]) for p in n["null-dev"]["outputs"]["parameters"]] == [("v", "")]
    assert n["zero-dev"]["phase"] == "Error" and "did not end within 1048576 bytes" in n["zero-dev"]["message"]
    assert n["fifo"]["phase"] == "Error" and "/tmp/f is a FIFO" in n["fifo"]["message"]


def test_step_hook_sees_no_workflow_status(tmp_path):
    # operator.go operate sets workflow.status only after the entry's
    # executeTemplate returns; the step hooks evaluated inside it
    # (executeTmplLifeCycleHook) see no workflow.status: nil, not "Running",
    # and no error.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - name: a
            template: note
            hooks:
              wf-running: {expression: workflow.status == "Running", template: note}
              wf-unset: {expression: workflow.status == nil, template: note}
      - name: note
        container: {image: alpine, command: [sh, -c, "sleep 0.2; echo hi"]}
    """)
    assert code == 0, out
    n = by_display(report)
    assert "a.hooks.wf-running" not in n
    assert n["a.hooks.wf-unset"]["phase"] == "Succeeded"


def test_nested_step_hook_names(tmp_path):
    # hooks.go generateLifeHookNodeName: "<node name>.hooks.<hook>"; its
    # display name is the name without the boundary node's (the steps node
    # running it) and the "[0]." separator (operator.go initializeNode,
    # stepsOrDagSeparator `^(\[\d+\])?\.`).
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      templates:
      - name: main
        steps:
        - - {name: outer, template: outer}
      - name: outer
        steps:
        - - name: inner
            template: note
            hooks:
              done: {expression: steps.inner.status == "Succeeded", template: note}
      - name: note
        container: {image: alpine, command: [echo, hi]}
    """)
    assert code == 0, out
    wf = report["metadata"]["name"]
    hook = by_display(report)["inner.hooks.done"]
    assert hook["name"] == f"{wf}[0].outer[0].inner.hooks.done"
    assert report["status"]["nodes"][hook["boundaryID"]]["name"] == f"{wf}[0].outer"


def test_hook_without_expression_refused(tmp_path):
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      hooks:
        running: {template: main}
      templates:
      - name: main
        container: {image: alpine, command: [echo, hi]}
    """)
    # Argo's validator says it first (validate.go:133-140 validateHooks, called
    # at :319): E0719, as flowc lint; the run's own E1224 is not repeated.
    assert code == 2 and report is None and "[E0719]" in out and "[E1224]" not in out, out


def test_pyproject_run_settings(tmp_path):
    # [tool.flowc.run] semaphores / configmaps / volumes: the same values as
    # the options, kept with the project; the command line wins.
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "greeting").write_text("hello")
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent("""\
        [tool.flowc.run.semaphores]
        "my-config/template" = 1
        [tool.flowc.run.configmaps]
        "settings/who" = "world"
        [tool.flowc.run.volumes]
        cfg = "cfg"
    """))
    wf = textwrap.dedent(HEAD + """\
      entrypoint: main
      volumes: [{name: cfg, configMap: {name: c}}]
      templates:
      - name: main
        steps:
        - - {name: work, template: work, withSequence: {count: "5"}}
      - name: work
        synchronization:
          semaphores: [{configMapKeyRef: {name: my-config, key: template}}]
        inputs:
          parameters:
          - {name: who, valueFrom: {configMapKeyRef: {name: settings, key: who}}}
        container:
          image: alpine
          command: [sh, -c, "date +%s.%N; sleep 0.3; cat /cfg/greeting >/dev/null; date +%s.%N"]
          volumeMounts: [{name: cfg, mountPath: /cfg}]
    """)
    code, report, out = flowc_run(tmp_path, wf)
    assert code == 0, out
    assert most_at_once(report) == 1
    pods = [n for n in report["status"]["nodes"].values() if n["type"] == "Pod"]
    assert all(n["inputs"]["parameters"][0]["value"] == "world" for n in pods)
    code, report, out = flowc_run(tmp_path, wf, "--semaphore", "my-config/template=5")
    assert code == 0, out
    assert most_at_once(report) > 1


# ---- data templates ----------------------------------------------------------------

DATA_WF = HEAD + """\
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: list, template: list}
    - - {name: use, template: use, arguments: {parameters: [{name: files, value: "{{steps.list.outputs.result}}"}]}}
  - name: list
    data:
      source:
        artifactPaths:
          name: logs
          s3: {bucket: my-bucket, key: runs}
      transformation:
      - expression: "TRANSFORM"
  - name: use
    inputs: {parameters: [{name: files}]}
    container: {image: alpine, command: [echo, "{{inputs.parameters.files}}"]}
"""


def test_data_template_lists_and_transforms(tmp_path):
    # workflow/data data.go ProcessData: the source's files (ListObjects: keys
    # under the artifact's key, in key order), each transformation's
    # expression over {"data": ...}; the result is the data as JSON. Run in
    # process, no container; the artifact's files from --artifact.
    logs = tmp_path / "logs"
    (logs / "b").mkdir(parents=True)
    (logs / "a.log").write_text("x")
    (logs / "b" / "main.log").write_text("y")
    wf = textwrap.dedent(DATA_WF.replace("TRANSFORM", "data"))
    code, report, out = flowc_run(tmp_path, wf)
    assert code == 2 and report is None and "[E1207]" in out and "--artifact logs=PATH" in out, out
    code, report, out = flowc_run(tmp_path, wf, "--artifact", f"logs={logs}")
    assert code == 0, out
    n = by_display(report)
    assert n["list"]["type"] == "Pod"
    assert json.loads(n["list"]["outputs"]["result"]) == ["runs/a.log", "runs/b/main.log"]
    assert n["use"]["outputs"]["result"] == '["runs/a.log","runs/b/main.log"]'
    wf = textwrap.dedent(DATA_WF.replace("TRANSFORM", "data[1] + '!'"))
    code, report, out = flowc_run(tmp_path, wf, "--artifact", f"logs={logs}")
    assert code == 0, out
    assert by_display(report)["list"]["outputs"]["result"] == '"runs/b/main.log!"'


def test_data_template_expression_error_is_the_nodes(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.log").write_text("x")
    wf = textwrap.dedent(DATA_WF.replace("TRANSFORM", "data +"))
    code, report, out = flowc_run(tmp_path, wf, "--artifact", f"logs={logs}")
    assert code == 1, out
    n = by_display(report)["list"]
    assert n["phase"] == "Error"
    assert n["message"].startswith("unable to process data template: unable to process data transformation: "
                                   "error processing data step 0: ")


def test_sprig_dates_and_recursive_jsonpath_in_a_run(tmp_path):
    # util/expr/env/env.go GetFuncMap: `sprig` is sprig's GenericFuncMap and
    # `jsonpath` evilmonkeyinc/jsonpath's Query; a {{=...}} tag prints the
    # value with fmt %v (util/template/expression_template.go).
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      arguments:
        parameters:
        - {name: doc, value: '{"a": {"price": 1}, "b": [{"price": 2}]}'}
      templates:
      - name: main
        container:
          image: alpine
          command:
          - echo
          - "{{=sprig.date('Mon 02 Jan 2006', sprig.dateModify('48h', sprig.toDate('2006-01-02', '2017-12-30')))}}"
          - "{{=sprig.unixEpoch(sprig.toDate('2006-01-02T15:04:05Z07:00', '2019-06-13T20:39:39Z'))}}"
          - "{{=sprig.sum(jsonpath(workflow.parameters.doc, '$..price'))}}"
    """)
    assert code == 1, out
    assert "sprig.sum" in out  # not a sprig function: the node's Error names it
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      arguments:
        parameters:
        - {name: doc, value: '{"a": {"price": 1}, "b": [{"price": 2}]}'}
      templates:
      - name: main
        container:
          image: alpine
          command:
          - echo
          - "{{=sprig.date('Mon 02 Jan 2006', sprig.dateModify('48h', sprig.toDate('2006-01-02', '2017-12-30')))}}"
          - "{{=sprig.unixEpoch(sprig.toDate('2006-01-02T15:04:05Z07:00', '2019-06-13T20:39:39Z'))}}"
          - "{{=sum(jsonpath(workflow.parameters.doc, '$..price'))}}"
    """)
    assert code == 0, out
    wf = report["metadata"]["name"]
    assert by_display(report)[wf]["outputs"]["result"] == "Mon 01 Jan 2018 1560458379 3"


def test_exit_handler_of_a_succeeded_workflow_sees_null_failures(tmp_path):
    # operator.go operate: json.Marshal of a nil []failedNodeStatus is null,
    # then strconv.Quote: the text "null" in quotes.
    code, report, out = flowc_run(tmp_path, HEAD + """\
      entrypoint: main
      onExit: report
      templates:
      - name: main
        container: {image: alpine, command: [echo, hi]}
      - name: report
        container: {image: alpine, command: [echo, "{{workflow.status}} {{workflow.failures}}"]}
    """)
    assert code == 0, out
    wf = report["metadata"]["name"]
    assert by_display(report)[f"{wf}.onExit"]["outputs"]["result"] == 'Succeeded "null"'
