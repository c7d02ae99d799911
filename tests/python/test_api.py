"""The Python API: compile_source / compile_file / compile_to_dicts / compile(cls), CompileError."""
from __future__ import annotations

import importlib.util
import sys
import textwrap

import pytest
import yaml

import flowc
from conftest import EXAMPLES

SRC = (EXAMPLES / "dag_diamond.py").read_text()


def test_compile_source_and_file_agree():
    assert flowc.compile_source(SRC, "dag_diamond.py") == flowc.compile_file(EXAMPLES / "dag_diamond.py")


def test_dicts_and_json():
    [doc] = flowc.compile_to_dicts(SRC)
    assert doc["kind"] == "Workflow"
    assert yaml.safe_load(flowc.compile_source(SRC)) == doc
    import json
    assert json.loads(flowc.compile_source(SRC, format="json")) == doc


def test_bad_target_or_format():
    with pytest.raises(ValueError):
        flowc.compile_source(SRC, target="k8s")
    with pytest.raises(ValueError):
        flowc.compile_source(SRC, format="xml")


def test_compile_error_carries_every_diagnostic():
    src = textwrap.dedent("""\
        from flowc.dsl import *

        class W(Workflow):
            @task
            def a(self):
                return self.nope()

            @task
            @dependencies(["zz"])
            def b(self):
                return self.echo()

            @template
            def echo(self) -> V1Container:
                return V1Container(image="alpine")
        """)
    with pytest.raises(flowc.CompileError) as info:
        flowc.compile_source(src, "w.py")
    err = info.value
    assert [(d.code, d.line, d.column) for d in err.diagnostics] == [("E0301", 6, 21), ("E0302", 9, 20)]
    assert err.diagnostics[0].file == "w.py"
    assert err.diagnostics[0].message == "task 'a' calls unknown template 'nope'"
    assert str(err).startswith("w.py:6:21: error: task 'a' calls unknown template 'nope' [E0301]\n")
    assert "        return self.nope()\n                    ^~~~" in str(err)


def test_compile_a_class_from_a_module(tmp_path, monkeypatch):
    # Importing the module runs only the DSL's inert decorators; compiling reads its text.
    path = tmp_path / "mywf.py"
    path.write_text((EXAMPLES / "dag_diamond.py").read_text().replace("argo.workflows.dsl", "flowc.dsl"))
    spec = importlib.util.spec_from_file_location("mywf", path)
    mod = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "mywf", mod)
    spec.loader.exec_module(mod)
    assert flowc.compile(mod.DagDiamond) == flowc.compile_file(EXAMPLES / "dag_diamond.py")
    assert mod.DagDiamond().to_dict() == flowc.compile_to_dicts(SRC)[0]
    assert mod.DagDiamond().to_yaml() == flowc.compile(mod.DagDiamond)


def test_dsl_module_is_inert_and_complete():
    from flowc import dsl
    for name in ("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow", "template", "closure",
                 "scope", "inputs", "outputs", "task", "parameter", "artifact", "dependencies", "when",
                 "with_items", "with_param", "with_sequence", "continue_on", "V1Container", "V1alpha1Template"):
        assert hasattr(dsl, name), name

    def f():
        return 1
    assert dsl.template(f) is f
    assert dsl.closure(image="x")(f) is f
    assert dsl.inputs.parameter(name="m")(f) is f
    assert dsl.V1Container(image="a").image == "a"
