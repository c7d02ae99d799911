"""Every Argo version flowc writes for (--argo-version, issue 11).

Every example (examples/*.py, the seed's, and examples/argo/*.py, Argo's own)
is compiled for every version. Where it compiles, each document validates
strictly against THAT version's schema (conftest's validate_argo_version: the
same strictness as validate_argo). Where it does not, every error must be a
version diagnostic (E0050-E0059) naming the version compiled for, and the
example must compile for some version (4.1, the default, at least).
"""
from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

import flowc
from conftest import ARGO_VERSIONS, EXAMPLES, FLOWC, load_all

EXAMPLE_FILES = sorted(p for p in list(EXAMPLES.glob("*.py")) + list((EXAMPLES / "argo").glob("*.py"))
                       if not p.name.startswith("_"))
VERSION_CODES = {f"E00{n}" for n in range(50, 60)}


def _compile(path, version):
    try:
        return flowc.compile_file(path, argo_version=version), None
    except flowc.CompileError as e:
        return None, e.diagnostics


@pytest.mark.parametrize("version", ARGO_VERSIONS)
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_example_for_every_version(path, version, validate_argo_version):
    out, diags = _compile(path, version)
    if out is None:
        errors = [d for d in diags if d.severity == "error"]
        assert errors
        assert {d.code for d in errors} <= VERSION_CODES, "\n".join(map(str, errors))
        for d in errors:
            assert f"Argo {version}" in d.message or "needs Argo" in d.message or "removed in Argo" in d.message, d
        return
    docs = load_all(out)
    assert docs
    validate = validate_argo_version(version)
    for doc in docs:
        validate(doc)


def _cron(version):
    src = (
        "from flowc.dsl import *\n\n"
        "class Nightly(CronWorkflow):\n"
        "    entrypoint = 'hello'\n"
        "    schedule = '0 1 * * *'\n\n"
        "    @template\n"
        "    def hello(self) -> V1Container:\n"
        "        return V1Container(image='alpine')\n"
    )
    return yaml.safe_load(flowc.compile_source(src, "cron.py", argo_version=version))


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_schedule_written_for_each_version(version, validate_argo_version):
    spec = _cron(version)["spec"]
    if version in ("3.4", "3.5"):
        assert spec["schedule"] == "0 1 * * *" and "schedules" not in spec
    else:
        assert spec["schedules"] == ["0 1 * * *"] and "schedule" not in spec
    validate_argo_version(version)(_cron(version))


def test_unknown_version_is_an_error():
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source("x = 1\n", argo_version="3.3")
    assert e.value.diagnostics[0].code == "E0054"
    assert "3.4, 3.5, 3.6, 3.7, 4.0, 4.1" in e.value.diagnostics[0].message


def test_patch_and_v_prefix_name_the_minor_version():
    a = flowc.compile_file(EXAMPLES / "hello_world.py", argo_version="v3.5.2")
    assert a == flowc.compile_file(EXAMPLES / "hello_world.py", argo_version="3.5")


HELLO = (
    "from flowc.dsl import *\n\n"
    "class Nightly(CronWorkflow):\n"
    "    entrypoint = 'hello'\n"
    "    schedule = '0 1 * * *'\n\n"
    "    @template\n"
    "    def hello(self) -> V1Container:\n"
    "        return V1Container(image='alpine')\n"
)


def _flowc(*args, cwd=None):
    return subprocess.run([*FLOWC, *args], capture_output=True, text=True, cwd=cwd)


def test_pyproject_default_picked_up_by_the_cli(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.flowc]\nargo-version = "3.5"\n')
    pkg = tmp_path / "flows" / "nightly"
    pkg.mkdir(parents=True)
    # A pyproject.toml without [tool.flowc] on the way up does not hide the project's.
    (tmp_path / "flows" / "pyproject.toml").write_text('[project]\nname = "vendored"\n')
    (pkg / "cron.py").write_text(HELLO)
    r = _flowc("compile", str(pkg / "cron.py"))
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(r.stdout)["spec"]["schedule"] == "0 1 * * *"
    # --argo-version wins over the project's.
    r = _flowc("compile", "--argo-version", "4.1", str(pkg / "cron.py"))
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(r.stdout)["spec"]["schedules"] == ["0 1 * * *"]
    # The API reads the project too.
    assert yaml.safe_load(flowc.compile_file(pkg / "cron.py"))["spec"]["schedule"] == "0 1 * * *"


def test_pyproject_without_a_version_means_the_default(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.flowc]\n")
    (tmp_path / "cron.py").write_text(HELLO)
    r = _flowc("compile", str(tmp_path / "cron.py"))
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(r.stdout)["spec"]["schedules"] == ["0 1 * * *"]


@pytest.mark.parametrize("text, words", [
    ('[tool.flowc]\nargo-version = "3.3"\n', "is not a version flowc writes for"),
    ('[tool.flowc]\nargo-version = 3.5\n', "is not a version flowc writes for"),
    ('[tool.flowc\n', "cannot read it"),
])
def test_bad_pyproject_is_an_error(tmp_path, text, words):
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "cron.py").write_text(HELLO)
    r = _flowc("compile", str(tmp_path / "cron.py"))
    assert r.returncode == 1
    assert words in r.stderr and "[E0054]" in r.stderr and r.stdout == ""
    with pytest.raises(flowc.CompileError):
        flowc.compile_file(tmp_path / "cron.py")


def test_cli_rejects_an_unknown_version():
    r = _flowc("compile", "--argo-version", "2.9", str(EXAMPLES / "hello_world.py"))
    assert r.returncode == 2 and "invalid choice" in r.stderr


def _errors(src, version):
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(src, "w.py", argo_version=version)
    return [(d.code, d.message) for d in e.value.diagnostics]


def test_closure_settings_are_checked_for_the_version():
    src = (
        "from flowc.dsl import *\n\n"
        "class W(Workflow):\n"
        "    entrypoint = 'go'\n\n"
        "    @closure(image='python:3.11', restart_policy='Always')\n"
        "    def go(self) -> None:\n"
        "        print('hi')\n"
    )
    assert _errors(src, "3.5") == [("E0050", "'restart_policy' needs Argo 3.6 or later (compiling for 3.5)")]
    flowc.compile_source(src, "w.py", argo_version="3.6")


PVC = (
    "from flowc.dsl import *\n\n"
    "class W(Workflow):\n"
    "    entrypoint = 'go'\n"
    "    volume_claim_templates = [V1PersistentVolumeClaim(\n"
    "        metadata=V1ObjectMeta(name='work'),\n"
    "        spec=V1PersistentVolumeClaimSpec(access_modes=['ReadWriteOnce'], resources={RES}(requests={{'storage': '1Gi'}}){REF}),\n"
    "    )]\n\n"
    "    @template\n"
    "    def go(self) -> V1Container:\n"
    "        return V1Container(image='alpine')\n"
)


@pytest.mark.parametrize("version", ARGO_VERSIONS)
@pytest.mark.parametrize("model", ["V1ResourceRequirements", "V1VolumeResourceRequirements"])
def test_swapped_models_are_written_either_way(version, model, validate_argo_version):
    out = flowc.compile_source(PVC.format(RES=model, REF=""), "w.py", argo_version=version)
    for doc in load_all(out):
        validate_argo_version(version)(doc)
        assert doc["spec"]["volumeClaimTemplates"][0]["spec"]["resources"] == {"requests": {"storage": "1Gi"}}


def test_a_field_of_the_newer_swapped_model_needs_its_version():
    ref = ", data_source_ref=V1TypedObjectReference(kind='PersistentVolumeClaim', name='src', namespace='other')"
    src = PVC.format(RES="V1VolumeResourceRequirements", REF=ref)
    errors = _errors(src, "3.5")
    assert errors == [("E0050", "'namespace' needs Argo 3.6 or later (compiling for 3.5)")]
    flowc.compile_source(src, "w.py", argo_version="3.6")
