"""The shapes the API returns: CompileResult (a str with diagnostics and
documents), Documents (a list with diagnostics), and to_dict(), which is one
dict whatever the source holds (it used to be a list when a source gave
several documents for the class, and [] for none)."""
from __future__ import annotations

import copy
import importlib.util
import json
import pickle

import pytest
import yaml

import flowc
from conftest import EXAMPLES


def _module(tmp_path, name, text):
    path = tmp_path / f"{name}.py"
    path.write_text(text)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compile_result_is_the_text():
    src = (EXAMPLES / "dag_diamond.py").read_text()
    out = flowc.compile_source(src, "dag_diamond.py")
    golden = (EXAMPLES / "dag_diamond.yaml").read_text()
    assert out == golden and out.text == golden and type(out.text) is str
    assert yaml.safe_load(out) == out.documents[0] == flowc.compile_to_dicts(src)[0]
    as_json = flowc.compile_source(src, "dag_diamond.py", format="json")
    assert json.loads(as_json) == out.documents[0]
    # Copies and pickles are the plain text (nothing of the compile is kept alive).
    assert type(pickle.loads(pickle.dumps(out))) is str and pickle.loads(pickle.dumps(out)) == golden
    assert copy.copy(out) == golden


def test_compile_file_result(tmp_path):
    out = flowc.compile_file(EXAMPLES / "hello_world.py")
    assert isinstance(out, flowc.CompileResult)
    assert out == (EXAMPLES / "hello_world.yaml").read_text()
    assert out.diagnostics == [] and out.documents[0]["kind"] == "Workflow"


def test_documents_list_for_every_count():
    one = flowc.compile_to_dicts((EXAMPLES / "hello_world.py").read_text())
    assert isinstance(one, list) and len(one) == 1
    with pytest.warns(flowc.FlowcWarning, match=r"\[W0001\]"):
        none = flowc.compile_to_dicts("X = 1\n")
    assert none == [] and [d.code for d in none.warnings] == ["W0001"]


def test_to_dict_is_one_dict(tmp_path):
    mod = _module(tmp_path, "dd", (EXAMPLES / "dag_diamond.py").read_text().replace(
        "from argo.workflows.dsl import Workflow\nfrom argo.workflows.dsl.tasks import *\n"
        "from argo.workflows.dsl.templates import *\n", "from flowc.dsl import *\n"))
    doc = mod.DagDiamond().to_dict()
    assert isinstance(doc, dict) and doc["kind"] == "Workflow"
    assert flowc.compile(mod.DagDiamond, as_dict=True) == doc
    assert mod.DagDiamond().to_yaml().documents == [doc]


def test_to_dict_peak_is_the_body():
    mod_path = EXAMPLES / "peak" / "create_workflow_sdk.py"
    spec = importlib.util.spec_from_file_location("create_workflow_sdk", mod_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    body = module.CreateWorkflowSdk().to_dict(target="peak")
    assert isinstance(body, dict)
    assert body == flowc.peak_bodies(mod_path.read_text(), str(mod_path))[0]


def test_to_dict_of_a_redefined_class_is_the_bound_one(tmp_path):
    """Two classes of one name in a source: the class is found by its place
    (python/flowc/_locate.py), so to_dict() gives the one Python bound, the
    later, as one dict."""
    body = ("    @template\n    def {0}(self) -> V1Container:\n"
            "        return V1Container(image='alpine', command=['{0}'])\n    entrypoint = '{0}'\n")
    mod = _module(tmp_path, "twice", "from flowc.dsl import *\n\n\nclass Twice(Workflow):\n" + body.format("a")
                  + "\n\nclass Twice(Workflow):\n" + body.format("b"))
    doc = mod.Twice().to_dict()
    assert isinstance(doc, dict)
    assert doc["spec"]["entrypoint"] == "b"
