"""flowc run on values Argo's controller reads at run time and may not
understand: an IntOrString that strconv.Atoi refuses, a duration Go's
time.ParseDuration refuses, a count that is no integer. Each ends the node in
Error with the controller's message (the workflow Error, exit 1), as Argo
does; before, each aborted flowc (std::stoi's exception: exit 134, "terminate
called without an active exception") or dropped the value silently.

Sources: util/intstr/parse.go Int ("value '%s' cannot be resolved to an
int"); operator.go processNodeRetries (intstr.Int32 of the limit and the
backoff factor, wfv1.ParseStringToDuration of duration / maxDuration / cap,
"no base duration specified for retryStrategy"), checkTemplateTimeout
("invalid timeout format. ..."); steps.go expandSequence.
"""
from __future__ import annotations

import pytest

from test_run import by_display, run_spec

FAIL = "container: {image: alpine, command: [sh, -c, 'exit 1']}"
OK = "container: {image: alpine, command: [sh, -c, 'exit 0']}"


def spec(template_fields: str, body: str = FAIL, value: str = "abc") -> str:
    return (
        "entrypoint: main\n"
        f"arguments: {{parameters: [{{name: v, value: '{value}'}}]}}\n"
        "templates:\n"
        "- name: main\n"
        f"  {template_fields}\n"
        f"  {body}\n"
    )


@pytest.mark.parametrize(
    "fields, value, message",
    [
        ("retryStrategy: {limit: '{{workflow.parameters.v}}'}", "abc", "value 'abc' cannot be resolved to an int"),
        ("retryStrategy: {limit: '{{workflow.parameters.v}}'}", "99999999999999999999",
         "value '99999999999999999999' cannot be resolved to an int"),
        ("retryStrategy: {limit: 1, backoff: {duration: '1', factor: '{{workflow.parameters.v}}'}}", "x",
         "value 'x' cannot be resolved to an int"),
        ("retryStrategy: {limit: 1, backoff: {duration: '{{workflow.parameters.v}}'}}", "soon",
         'unable to parse soon as a duration: time: invalid duration "soon"'),
        ("retryStrategy: {limit: 1, backoff: {factor: 2}}", "", "no base duration specified for retryStrategy"),
        ("retryStrategy: {limit: 1, backoff: {duration: '1', maxDuration: '{{workflow.parameters.v}}'}}", "1d",
         'unable to parse 1d as a duration: time: unknown unit "d" in duration "1d"'),
    ],
    ids=["limit-text", "limit-huge", "factor", "duration", "no-duration", "max-duration"],
)
def test_a_retry_strategy_value_argo_cannot_read_ends_the_node_in_error(tmp_path, fields, value, message):
    code, report, out = run_spec(tmp_path, spec(fields, value=value))
    assert code == 1, out
    assert report["status"]["phase"] == "Error", out
    node = by_display(report)[report["metadata"]["name"]]
    assert node["phase"] == "Error" and node["message"] == message, node


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("timeout", ".", 'invalid timeout format. time: invalid duration "."'),
        ("timeout", "10", 'invalid timeout format. time: missing unit in duration "10"'),
        ("activeDeadlineSeconds", "ten", "value 'ten' cannot be resolved to an int"),
        ("activeDeadlineSeconds", "99999999999999999999", "value '99999999999999999999' cannot be resolved to an int"),
    ],
    ids=["timeout-dot", "timeout-no-unit", "deadline-text", "deadline-huge"],
)
def test_a_deadline_argo_cannot_read_ends_the_node_in_error_before_it_runs(tmp_path, field, value, message):
    """The value comes from an earlier step's output: Argo's validator, which
    substitutes the workflow's parameters first, cannot see it (a literal or
    a workflow parameter is refused at submission: E0716)."""
    marker = tmp_path / "ran"
    code, report, out = run_spec(tmp_path, f"""
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {{name: gen, template: gen}}
          - - name: use
              template: use
              arguments: {{parameters: [{{name: d, value: "{{{{steps.gen.outputs.result}}}}"}}]}}
        - name: gen
          container: {{image: alpine, command: [echo, "{value}"]}}
        - name: use
          inputs: {{parameters: [{{name: d}}]}}
          {field}: "{{{{inputs.parameters.d}}}}"
          container: {{image: alpine, command: [touch, {marker}]}}
        """)
    assert code == 1, out
    node = by_display(report)["use"]
    assert node["phase"] == "Error" and node["message"] == message, node
    assert not marker.exists()


def test_a_deadline_argo_can_check_at_submission_is_refused_before_running(tmp_path):
    # validate.go validateLeaf: "activeDeadlineSeconds must be a positive
    # integer > 0 or an argo variable", after the workflow's parameters are substituted.
    code, report, out = run_spec(tmp_path, spec("activeDeadlineSeconds: '{{workflow.parameters.v}}'", value="ten"))
    assert code == 2 and "[E0716]" in out, out


def test_readable_values_still_work(tmp_path):
    """The same fields with values Argo reads: a timeout and deadline that
    do not fire, a retried failure with a factor given as text."""
    code, report, out = run_spec(tmp_path, spec("timeout: '1m'\n  activeDeadlineSeconds: '60'", body=OK))
    assert code == 0, out
    code, report, out = run_spec(
        tmp_path, spec("retryStrategy: {limit: '{{workflow.parameters.v}}', backoff: {duration: '0', factor: '2'}}",
                       value="1"))
    assert code == 1, out
    node = by_display(report)[report["metadata"]["name"]]
    assert node["message"] == "No more retries left" and len(node["children"]) == 2, node


def test_a_sequence_count_that_is_no_integer_ends_the_run_in_error(tmp_path):
    code, report, out = run_spec(tmp_path, """
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: a
              template: echo
              withSequence: {count: "{{workflow.name}}"}
        - name: echo
          container: {image: alpine, command: [echo, hi]}
        """)
    assert code == 1, out
    assert report["status"]["phase"] == "Error", out
    assert "is not an integer" in report["status"]["message"], report["status"]


def test_an_expression_literal_out_of_range_is_exprs_parse_error(tmp_path):
    """expr-lang's parser reads an integer literal with strconv.ParseInt:
    out of range is "invalid integer literal" (the C++ parse said "stoll")."""
    code, report, out = run_spec(tmp_path, """
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: a
              template: echo
              when: "{{= 99999999999999999999 > 1 }}"
        - name: echo
          container: {image: alpine, command: [echo, hi]}
        """)
    assert code == 1, out
    a = by_display(report)["a"]
    assert "invalid integer literal: strconv.ParseInt: parsing \"99999999999999999999\": value out of range" in a["message"], a
