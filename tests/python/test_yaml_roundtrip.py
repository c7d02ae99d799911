"""YAML and JSON that mean what they say: arbitrary strings put into a
workflow (parameter values, command arguments, env values, annotations,
closure sources) read back exactly, with YAML 1.1 (PyYAML), YAML 1.2
(ruamel.yaml, C and pure-Python readers) and JSON; ints and bools keep their
types."""
from __future__ import annotations

import ast
import io
import json

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import flowc
from flowc import _core


def _compile(src: str, format: str = "yaml", documents: bool = False) -> dict:
    """flowc's output with the validation stage off: this test puts arbitrary
    strings where Argo would refuse them (an annotation key " ", say) to test
    the YAML and JSON writers, not Argo's rules (tests/cases/validate do)."""
    r = _core.compile(src.encode("utf-8", "surrogateescape"), "<string>", "argo", format, False, "", False, False,
                      documents, False)
    if not r["ok"]:
        raise flowc.CompileError(flowc._diagnostics(r["diagnostics"]))
    return r


def compile_to_dict(src: str) -> dict:
    return _compile(src, documents=True)["documents"][0]


def compile_text(src: str, format: str = "yaml") -> str:
    return _compile(src, format)["output"]

# Strings YAML readers are known to be picky about, mixed with arbitrary text.
TRICKY = [
    "", " ", "  lead", "trail  ", "\n", "\n\n", "a\n", "a\n\n", "\na", " \na", "a\n ", "a\nb", "a\r\nb", "\t", "a\tb",
    "\ta", "a\t", ": ", "a: b", "a:", ":a", " #", "a #b", "#a", "- ", "-", "--", "---", "...", "- a", "-a", "-1",
    "{{", "{{workflow.name}}", "{{ tasks }}", "}}", "*", "*a", "&", "&a", "!", "!a", "!!str", "|", "|-", ">", ">-", "%",
    "%YAML", "@", "`", "'", '"', "\\", "'a'", '"a"', "?", "? a", ",", "[", "]", "{", "}", "[a]", "{a: 1}",
    "yes", "no", "on", "off", "y", "n", "Y", "N", "Yes", "NO", "On", "OFF", "true", "False", "TRUE", "null", "Null",
    "NULL", "~", "1e3", "1E3", "1.5e-3", "0x1F", "0o17", "0b101", "012", "08", "1_000", ".inf", "-.inf", "+.inf",
    ".NaN", ".nan", "1:20", "190:20:30", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2002-12-14 21:59:43",
    "12:30:00", "+1", "-0", "0", "1.", ".5", "+", ".", "=", "<<", "a,b", "\x00", "\x07", "\x1b[31m", "\x7f",
    "\x85", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffe", "é", "日本語", "🙂", "\U0001f600x", "a" * 1100,
    "x" * 2000 + ": y", "\\n", "'\"", "a'b\"c", "#!/bin/sh", "  \n  \n", "a  \nb", "a\n  b\n", " a\nb",
]

text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=40),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=4).map("".join),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
)

HEADER = "from argo.workflows.dsl import Workflow, task, template, closure, parameter, inputs\n" \
         "from argo.workflows.dsl.templates import V1Container, V1EnvVar\n\n"


def source(value: str, arg: str, env: str, key: str, ann: str, script: str, n: int, flag: bool) -> str:
    r = repr
    return HEADER + f"""class Roundtrip(Workflow):
    __metadata__ = {{"annotations": {{{r(key)}: {r(ann)}, "k2": {r(value)}}}, "labels": {{"app": "x"}}}}
    parallelism = {n}

    @task
    @parameter(name="message", value={r(value)})
    def a(self, message):
        return self.echo(message=message)

    @task
    def b(self):
        return self.run()

    @template
    @inputs.parameter(name="message")
    def echo(self, message) -> V1Container:
        return V1Container(
            image="alpine",
            command=["echo", {r(arg)}, "{{{{inputs.parameters.message}}}}"],
            env=[V1EnvVar(name="E", value={r(env)})],
            tty={r(flag)},
        )

    @closure(image="python:3.11")
    def run():
        x = {r(script)}
        print(x)
"""


def readers(text_out: str) -> dict:
    docs = {"pyyaml": yaml.safe_load(text_out)}
    for name, kw in (("ruamel", {"typ": "safe"}), ("ruamel-pure", {"typ": "safe", "pure": True})):
        y = YAML(**kw)
        docs[name] = y.load(io.StringIO(text_out))
    return docs


def closure_string(src: str) -> str:
    """The value of `x = '...'` in a closure's source."""
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "x":
            return node.value.value
    raise AssertionError(f"no x = ... in:\n{src}")


def check(doc: dict, value, arg, env, key, ann, script, n, flag) -> None:
    meta = doc["metadata"]
    assert meta["annotations"] == {key: ann, "k2": value}
    spec = doc["spec"]
    assert spec["parallelism"] == n and type(spec["parallelism"]) is int
    tasks = {t["name"]: t for t in spec["templates"][0]["dag"]["tasks"]}
    assert tasks["a"]["arguments"]["parameters"][0]["value"] == value
    tpl = {t["name"]: t for t in spec["templates"]}
    c = tpl["echo"]["container"]
    assert c["command"][1] == arg
    assert c["env"][0]["value"] == env
    assert c["tty"] is flag
    assert closure_string(tpl["run"]["script"]["source"]) == script


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=text, arg=text, env=text, key=text, ann=text, script=text,
       n=st.integers(min_value=0, max_value=2**31 - 1), flag=st.booleans())
@example(value="yes", arg="0x1F", env="012", key="on", ann="~", script="a: b #c", n=0, flag=True)
@example(value="\n", arg=" ", env="a\n", key="a" * 1100, ann="x\n\n", script="\n", n=7, flag=False)
def test_strings_read_back_exactly(value, arg, env, key, ann, script, n, flag):
    src = source(value, arg, env, key, ann, script, n, flag)
    args = (value, arg, env, key, ann, script, n, flag)
    try:
        expected = compile_to_dict(src)
    except flowc.CompileError as e:
        # "{{inputs.parameters.nope}}" and the like are checked references: not this test's business
        assert {d.code for d in e.diagnostics} <= {"E0303", "E0310"}, str(e)
        assume(False)
    check(expected, *args)
    out = compile_text(src)
    for name, doc in readers(out).items():
        assert doc == expected, name
        check(doc, *args)
    doc = json.loads(compile_text(src, format="json"))
    assert doc == expected
    check(doc, *args)


@pytest.mark.parametrize("s", TRICKY)
def test_each_tricky_string_in_every_place(s):
    src = source(s, s, s, s or "k", s, s, 1, True)
    out = compile_text(src)
    expected = compile_to_dict(src)
    for name, doc in readers(out).items():
        assert doc == expected, f"{name} reads back differently:\n{out}"
    assert json.loads(compile_text(src, format="json")) == expected
