"""Shared fixtures: paths, the strict Argo schema, YAML readers."""
from __future__ import annotations

import copy
import json
import os
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FLOWC_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples"

# A workflow that fails to compile (E0302: a dependency on no task), for the
# command-line tests of exit codes and messages.
BROKEN_WORKFLOW = """from flowc.dsl import *

class Broken(Workflow):
    @task
    @dependencies(["nope"])
    def a(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
"""
CASES = ROOT / "tests" / "cases"
SEED = ROOT / "tests" / "seed"
# FLOWC_REGEN=1 rewrites golden files instead of comparing; read the diff before committing.
REGEN = os.environ.get("FLOWC_REGEN") == "1"

sys.path.insert(0, str(Path(__file__).resolve().parent))


ARGO_VERSIONS = ("3.4", "3.5", "3.6", "3.7", "4.0", "4.1")


def installed_flowc() -> str:
    """The native `flowc` executable (compiler/cli) that `pip install .` put
    in this interpreter's scripts folder."""
    import sysconfig
    exe = Path(sysconfig.get_path("scripts")) / "flowc"
    if not exe.is_file():
        exe = Path(sys.executable).parent / "flowc"
    return str(exe)


def _flowc_command() -> list:
    """The `flowc` command the CLI tests run: the installed native executable.
    FLOWC_CLI=python runs `python -m flowc` instead (which runs that same
    executable, python/flowc/__main__.py); FLOWC_CLI=PATH runs that
    executable (a build tree's)."""
    cli = os.environ.get("FLOWC_CLI")
    if cli == "python":
        return [sys.executable, "-m", "flowc"]
    if cli:
        return [os.path.abspath(cli)]
    return [installed_flowc()]


FLOWC = _flowc_command()


def _strict_schema(version: "str | None" = None) -> dict:
    """Argo's JSON schema (of `version`, else the top-level 4.1 one) with
    unknown properties rejected (see shared/argo/README.md):
    `additionalProperties: false` on every definition that lists properties, and
    the three documented allowances (IntOrString takes an integer; an integer
    httpGet.port; an integer podDisruptionBudget.minAvailable)."""
    where = SHARED / "argo" / "versions" / version if version else SHARED / "argo"
    schema = json.loads((where / "schema.json").read_text())
    defs = schema["definitions"]
    for d in defs.values():
        if "properties" in d:
            d["additionalProperties"] = False
    defs["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = {"type": ["string", "integer"]}
    return schema


@pytest.fixture(scope="session")
def argo_schema():
    return _strict_schema()


@pytest.fixture(scope="session")
def validate_argo(argo_schema):
    return _validator(argo_schema)


@pytest.fixture(scope="session")
def validate_argo_version():
    """validate_argo_version(version)(doc): the same strict check against
    that Argo version's schema."""
    made = {}

    def for_version(version: str):
        if version not in made:
            made[version] = _validator(_strict_schema(version))
        return made[version]

    return for_version


def _validator(argo_schema: dict):
    import jsonschema

    validators = {}

    def validate(doc: dict) -> None:
        kind = doc.get("kind")
        assert kind in ("Workflow", "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow",
                        "WorkflowEventBinding"), kind
        if kind not in validators:
            schema = copy.copy(argo_schema)
            schema.pop("oneOf", None)
            schema["$ref"] = f"#/definitions/io.argoproj.workflow.v1alpha1.{kind}"
            validators[kind] = jsonschema.Draft202012Validator(schema)
        errors = sorted(validators[kind].iter_errors(doc), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
        compile_python_scripts(doc)

    return validate


def python_scripts(doc: dict):
    """(template name, source) of every Python script template in a document."""
    spec = doc.get("spec", {})
    spec = spec.get("workflowSpec", spec)
    for t in spec.get("templates", []):
        script = t.get("script")
        if script and any("python" in c for c in script.get("command", [])):
            yield t["name"], script["source"]


def compile_python_scripts(doc: dict) -> None:
    """Every Python script flowc emits must at least be valid Python."""
    for name, source in python_scripts(doc):
        compile(source, f"<script {name}>", "exec")


def load_all(text: str) -> list:
    return [d for d in yaml.safe_load_all(text) if d is not None]
