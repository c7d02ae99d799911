"""The seed's examples compile to the seed's YAML, compared as data.

Differences, each deliberate and asserted here:
- metadata.name: the seed shows a fixed name next to generateName; flowc emits
  generateName only (a fixed name makes a second submission fail, and
  argo-python-dsl omitted it too).
- artifacts: the seed's consume-artifact uses an output of generate-artifact
  without depending on it, which Argo would run in parallel and fail. flowc adds
  the dependency (and warns); the expected data here has it added.
"""
from __future__ import annotations

import pytest
import yaml

import flowc
from conftest import EXAMPLES, SEED


def seed(name: str) -> dict:
    return yaml.safe_load((SEED / name).read_text())


def compiled(example: str) -> dict:
    docs = flowc.compile_to_dicts((EXAMPLES / example).read_text(), example)
    assert len(docs) == 1
    return docs[0]


def without_fixed_name(doc: dict) -> dict:
    assert doc["metadata"].pop("name") == doc["metadata"]["generateName"][:-1]
    return doc


@pytest.mark.parametrize("example,seed_file", [
    ("hello_world.py", "hello-world.yaml"),
    ("dag_diamond.py", "dag-diamond.yaml"),
])
def test_same_as_seed(example, seed_file):
    assert compiled(example) == without_fixed_name(seed(seed_file))


def test_artifacts_same_as_seed_plus_dependency():
    expected = without_fixed_name(seed("artifacts.yaml"))
    consume = expected["spec"]["templates"][0]["dag"]["tasks"][1]
    assert consume["name"] == "consume-artifact"
    consume["dependencies"] = ["generate-artifact"]
    assert compiled("artifacts.py") == expected


def test_artifacts_dependency_is_warned_about():
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_file(EXAMPLES / "artifacts.py", warnings_as_errors=True)
    [d] = e.value.diagnostics
    assert d.code == "W0301" or d.severity == "error"
    assert "without depending on it" in d.message


def test_scripts_closure_template_same_as_seed():
    doc = compiled("scripts_python.py")
    by_name = {t["name"]: t for t in doc["spec"]["templates"]}
    assert by_name["gen-random-int"] == seed("scripts-python.yaml")
    assert doc["metadata"] == {"generateName": "scripts-python-"}
    assert doc["spec"]["entrypoint"] == "main"
