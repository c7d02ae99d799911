"""DSL versions of Argo's own example workflows compile to those examples.

Each ``examples/argo/<name>.py`` is compiled with flowc; its documents are read
back with ``yaml.safe_load_all`` and compared, as data, with the workflow
documents of the Argo example it reproduces (``../shared/argo/examples/<path>``,
mapped in ``ARGO_SOURCES``). The comparison is exact equality: no
normalization is applied. Where an Argo example uses ``metadata.name`` (or a
``generateName`` other than the class's kebab name), the DSL class sets it
explicitly with a class attribute (``name = ...`` / ``generate_name = ...``).

The only filtering is on the Argo side: documents that are not workflows
(a ConfigMap, a PersistentVolumeClaim, ... in a multi-document example) are
skipped, since flowc writes workflow kinds only. Every output is also checked
against Argo's strict JSON schema, and ``examples/argo/<name>.yaml`` must be
flowc's current output for the file (generated, never hand-written).
"""
from __future__ import annotations

import pytest

import flowc
from conftest import EXAMPLES, REGEN, SHARED, load_all

ARGO_EXAMPLES = SHARED / "argo" / "examples"
DSL_DIR = EXAMPLES / "argo"

WORKFLOW_KINDS = ("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "WorkflowEventBinding")

# examples/argo/<file> -> its source under ../shared/argo/examples
ARGO_SOURCES = {
    "event_consumer_workflowtemplate.py": "workflow-event-binding/event-consumer-workflowtemplate.yaml",
    "github_path_filter_workfloweventbinding.py": "workflow-event-binding/github-path-filter-workfloweventbinding.yaml",
    "dag_inline_workflow.py": "dag-inline-workflow.yaml",
    "dag_inline_workflowtemplate.py": "dag-inline-workflowtemplate.yaml",
    "dag_inline_clusterworkflowtemplate.py": "dag-inline-clusterworkflowtemplate.yaml",
    "dag_inline_cronworkflow.py": "dag-inline-cronworkflow.yaml",
    "steps_inline_workflow.py": "steps-inline-workflow.yaml",
    "cluster_workflow_template_ref_with_entrypoint_arg_passing.py": "cluster-workflow-template/workflow-template-ref-with-entrypoint-arg-passing.yaml",
    "dag_daemon_task.py": "dag-daemon-task.yaml",
    "dag_enhanced_depends.py": "dag-enhanced-depends.yaml",
    "dag_targets.py": "dag-targets.yaml",
    "exit_handler_with_artifacts.py": "exit-handler-with-artifacts.yaml",
    "exit_handler_with_param.py": "exit-handler-with-param.yaml",
    "workflow_template_ref_with_entrypoint_arg_passing.py": "workflow-template/workflow-template-ref-with-entrypoint-arg-passing.yaml",
    "arguments_artifacts.py": "arguments-artifacts.yaml",
    "arguments_parameters.py": "arguments-parameters.yaml",
    "artifact_disable_archive.py": "artifact-disable-archive.yaml",
    "cluster_wftmpl_dag.py": "cluster-workflow-template/cluster-wftmpl-dag.yaml",
    "cluster_workflow_template_ref.py": "cluster-workflow-template/workflow-template-ref.yaml",
    "clustertemplates.py": "cluster-workflow-template/clustertemplates.yaml",
    "coinflip.py": "coinflip.yaml",
    "conditional_artifacts.py": "conditional-artifacts.yaml",
    "conditionals.py": "conditionals.yaml",
    "container_set_parallel_workflow.py": "container-set-template/parallel-workflow.yaml",
    "continue_on_fail.py": "continue-on-fail.yaml",
    "cron_backfill.py": "cron-backfill.yaml",
    "cron_when.py": "cron-when.yaml",
    "cron_workflow_multiple_schedules.py": "cron-workflow-multiple-schedules.yaml",
    "custom_metrics.py": "custom-metrics.yaml",
    "daemon_step.py": "daemon-step.yaml",
    "daemoned_stateful_set_with_service.py": "daemoned-stateful-set-with-service.yaml",
    "dag_coinflip.py": "dag-coinflip.yaml",
    "dag_conditional_parameters.py": "dag-conditional-parameters.yaml",
    "dag_continue_on_fail.py": "dag-continue-on-fail.yaml",
    "dag_diamond.py": "dag-diamond.yaml",
    "dag_multiroot.py": "dag-multiroot.yaml",
    "dag_nested.py": "dag-nested.yaml",
    "dag_task_level_timeout.py": "dag-task-level-timeout.yaml",
    "exit_code_output_variable.py": "exit-code-output-variable.yaml",
    "exit_handlers.py": "exit-handlers.yaml",
    "expression_tag_template_workflow.py": "expression-tag-template-workflow.yaml",
    "gc_ttl.py": "gc-ttl.yaml",
    "global_outputs.py": "global-outputs.yaml",
    "global_parameters.py": "global-parameters.yaml",
    "hello_world.py": "hello-world.yaml",
    "http_success_condition.py": "http-success-condition.yaml",
    "init_container.py": "init-container.yaml",
    "input_artifact_git.py": "input-artifact-git.yaml",
    "input_artifact_http.py": "input-artifact-http.yaml",
    "input_artifact_raw.py": "input-artifact-raw.yaml",
    "input_artifact_s3.py": "input-artifact-s3.yaml",
    "intermediate_parameters.py": "intermediate-parameters.yaml",
    "k8s_patch_pod.py": "k8s-patch-pod.yaml",
    "k8s_set_owner_reference.py": "k8s-set-owner-reference.yaml",
    "k8s_wait_wf.py": "k8s-wait-wf.yaml",
    "label_value_from_workflow.py": "label-value-from-workflow.yaml",
    "loops_dag.py": "loops-dag.yaml",
    "loops_maps.py": "loops-maps.yaml",
    "loops_param_result.py": "loops-param-result.yaml",
    "loops_sequence.py": "loops-sequence.yaml",
    "mixed_cluster_namespaced_wftmpl_steps.py": "cluster-workflow-template/mixed-cluster-namespaced-wftmpl-steps.yaml",
    "node_selector.py": "node-selector.yaml",
    "output_artifact_s3.py": "output-artifact-s3.yaml",
    "output_parameter.py": "output-parameter.yaml",
    "parallelism_limit.py": "parallelism-limit.yaml",
    "parameter_aggregation_dag.py": "parameter-aggregation-dag.yaml",
    "pod_gc_strategy.py": "pod-gc-strategy.yaml",
    "pod_metadata.py": "pod-metadata.yaml",
    "pod_spec_yaml_patch.py": "pod-spec-yaml-patch.yaml",
    "resource_flags.py": "resource-flags.yaml",
    "retry_backoff.py": "retry-backoff.yaml",
    "retry_container.py": "retry-container.yaml",
    "retry_on_error.py": "retry-on-error.yaml",
    "retry_script.py": "retry-script.yaml",
    "retry_with_steps.py": "retry-with-steps.yaml",
    "sidecar_dind.py": "sidecar-dind.yaml",
    "status_reference.py": "status-reference.yaml",
    "step_level_timeout.py": "step-level-timeout.yaml",
    "steps_daemon_retry_strategy.py": "steps-daemon-retry-strategy.yaml",
    "suspend_template_outputs.py": "suspend-template-outputs.yaml",
    "synchronization_mutex_wf_level.py": "synchronization-mutex-wf-level.yaml",
    "synchronization_tmpl_level.py": "synchronization-tmpl-level.yaml",
    "synchronization_wf_level.py": "synchronization-wf-level.yaml",
    "template_defaults.py": "template-defaults.yaml",
    "template_on_exit.py": "template-on-exit.yaml",
    "timeouts_step.py": "timeouts-step.yaml",
    "timeouts_workflow.py": "timeouts-workflow.yaml",
    "volumes_existing.py": "volumes-existing.yaml",
    "volumes_pvc.py": "volumes-pvc.yaml",
    "work_avoidance.py": "work-avoidance.yaml",
    "workflow_archive_logs.py": "workflow-template/workflow-archive-logs.yaml",
    "workflow_template_dag.py": "workflow-template/dag.yaml",
    "workflow_template_hello_world.py": "workflow-template/hello-world.yaml",
    "workflow_template_ref.py": "workflow-template/workflow-template-ref.yaml",
    "workflow_template_steps.py": "workflow-template/steps.yaml",
}

DSL_FILES = sorted(p for p in DSL_DIR.glob("*.py") if not p.name.startswith("_"))


def argo_documents(relpath: str) -> list:
    docs = load_all((ARGO_EXAMPLES / relpath).read_text())
    return [d for d in docs if isinstance(d, dict) and d.get("kind") in WORKFLOW_KINDS]


def test_every_dsl_file_is_mapped():
    unmapped = sorted({p.name for p in DSL_FILES} - set(ARGO_SOURCES))
    assert not unmapped, f"add these to ARGO_SOURCES: {unmapped}"
    missing = sorted(set(ARGO_SOURCES) - {p.name for p in DSL_FILES})
    assert not missing, f"ARGO_SOURCES names files that do not exist: {missing}"


def test_at_least_forty_examples():
    assert len(ARGO_SOURCES) >= 40


@pytest.mark.parametrize("path", DSL_FILES, ids=lambda p: p.stem)
def test_compiles_to_the_argo_example(path, validate_argo):
    if not ARGO_EXAMPLES.is_dir():
        pytest.skip(f"{ARGO_EXAMPLES} not available")
    out = flowc.compile_file(path)
    ours = load_all(out)
    assert ours
    for doc in ours:
        validate_argo(doc)
    theirs = argo_documents(ARGO_SOURCES[path.name])
    assert theirs, f"no workflow documents in {ARGO_SOURCES[path.name]}"
    assert ours == theirs


@pytest.mark.parametrize("path", DSL_FILES, ids=lambda p: p.stem)
def test_yaml_beside_it_is_flowc_output(path):
    out = flowc.compile_file(path)
    golden = path.with_suffix(".yaml")
    if REGEN:
        golden.write_text(out)
    assert golden.exists(), f"{golden} is missing; run with FLOWC_REGEN=1"
    assert golden.read_text() == out
