"""A compile for an Argo version never writes a document that version's
schema rejects (issue 20, item 4).

Every golden case and every example that compiles is compiled for every
version 3.4 .. 4.1 and each document is validated with the real jsonschema
package against THAT version's schema (strict: conftest's
validate_argo_version). A compile that fails must fail with diagnostics that
name the version. The targeted cases cover each difference
scripts/argo_version_diff.py finds in what a version requires or allows:
memoize's cache.configMap (a ConfigMapKeySelector, `key` required, up to 3.7;
a LocalObjectReference from 4.0), HostAlias.ip (required from 3.6), the enums
of 3.4 and 3.5, a CronWorkflow's schedule / schedules. And the generated
table's required lists are checked against every version's schema.json.
"""
from __future__ import annotations

import json
import sys

import pytest
import yaml

import flowc
from conftest import ARGO_VERSIONS, CASES, EXAMPLES, ROOT, SHARED, load_all

sys.path.insert(0, str(ROOT / "scripts"))
import gen_models  # noqa: E402

# Codes a version can make a compile fail with: E0050-E0059 (a field or model
# the version lacks, the single/list forms), E1051-E1053 (this file's).
VERSION_CODES = {f"E00{n}" for n in range(50, 60)} | {"E1051", "E1052", "E1053"}


def _target(case):
    if (case / "target").exists():
        return (case / "target").read_text().strip()
    return "peak" if case.relative_to(CASES).parts[0] == "peak" else "argo"


# Golden cases that compile (have an expected.yaml) for Argo, single-file ones
# (a case with base classes beside it is compiled in its folder: also here).
GOLDEN = sorted(p.parent for p in CASES.rglob("input.py")
                if (p.parent / "expected.yaml").exists() and _target(p.parent) == "argo")
EXAMPLE_FILES = sorted(p for p in list(EXAMPLES.glob("*.py")) + list((EXAMPLES / "argo").glob("*.py"))
                       if not p.name.startswith("_"))


def _compile_case(case, version, monkeypatch):
    try:
        if len(list(case.glob("*.py"))) > 1:
            monkeypatch.chdir(case)
            return flowc.compile_file("input.py", argo_version=version), None
        src = (case / "input.py").read_bytes().decode("utf-8", errors="surrogateescape")
        return flowc.compile_source(src, "input.py", argo_version=version), None
    except flowc.CompileError as e:
        return None, e.diagnostics


def _check(out, diags, version, validate_argo_version):
    """Either every Argo document validates against `version`'s schema, or
    the compile failed with errors that name the version."""
    if out is None:
        errors = [d for d in diags if d.severity == "error"]
        assert errors
        assert {d.code for d in errors} <= VERSION_CODES, "\n".join(map(str, errors))
        for d in errors:
            assert f"Argo {version}" in d.message or "needs Argo" in d.message or "removed in Argo" in d.message, d
        return 0
    validate = validate_argo_version(version)
    n = 0
    for doc in load_all(out):
        if doc.get("apiVersion", "").startswith("argoproj.io/"):
            validate(doc)
            n += 1
    return n


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_every_golden_case_for_every_version(version, validate_argo_version, monkeypatch):
    """One test per version (not per case: 6 x ~600 tests would mostly be set-up)."""
    validated = failed = 0
    for case in GOLDEN:
        with monkeypatch.context() as m:
            out, diags = _compile_case(case, version, m)
        try:
            n = _check(out, diags, version, validate_argo_version)
        except AssertionError as e:
            raise AssertionError(f"{case.relative_to(CASES)} for Argo {version}: {e}") from None
        validated += n
        failed += out is None
    # Every case that compiled gave at least one Argo document, all validated.
    assert len(GOLDEN) > 40 and validated >= len(GOLDEN) - failed, (validated, failed)
    if version == "4.1":
        assert failed == 0


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_every_example_for_every_version(version, validate_argo_version):
    validated = 0
    for path in EXAMPLE_FILES:
        try:
            out, diags = flowc.compile_file(path, argo_version=version), None
        except flowc.CompileError as e:
            out, diags = None, e.diagnostics
        try:
            validated += _check(out, diags, version, validate_argo_version)
        except AssertionError as e:
            raise AssertionError(f"{path.relative_to(EXAMPLES)} for Argo {version}: {e}") from None
    assert validated > 50, validated


# ---- the generated table knows each version's required lists ----

def test_table_required_lists_are_each_versions():
    """For every model and field of every version's schema.json: required in
    the generated table (the field's flag, or its FieldVariant for the
    version) exactly when that version's schema lists it as required."""
    per_version_defs = {v: json.loads((SHARED / "argo" / "versions" / v / "swagger.json").read_text())["definitions"]
                        for v in gen_models.VERSIONS}
    per_version = {v: gen_models.collect(d) for v, d in per_version_defs.items()}
    models, _, _ = gen_models.union(per_version)
    enums = {v: gen_models.enums(d) for v, d in per_version_defs.items()}
    variants = gen_models.variants(per_version, enums, models)
    table = (ROOT / "compiler" / "frontend" / "models_table.cpp").read_text()
    checked = 0
    for i, v in enumerate(gen_models.VERSIONS):
        schema = json.loads((SHARED / "argo" / "versions" / v / "schema.json").read_text())["definitions"]
        for name, (definition, fields) in models.items():
            d = schema.get(definition)
            if d is None or name not in per_version[v]:
                continue
            required = set(d.get("required", []))
            for f, _, req in fields:
                if f not in d.get("properties", {}):
                    continue
                mine = [x for x in variants if x[0] == name and x[1] == f and x[2] <= i < x[3]]
                got = mine[0][5] if mine else req
                assert got == (f in required), (v, name, f)
                want_enum = "|".join(d["properties"][f].get("enum", []))
                assert (mine[0][6] if mine else "") == want_enum, (v, name, f)
                checked += 1
    assert checked > 7000  # 7,404 (model, field, version) triples
    # And the committed C++ table holds those variants.
    for name, f, since, until, t, r, e in variants:
        assert f'{{"{name}", "{f}", {since}, {until}, "{t}", {"true" if r else "false"}, "{e}"}}' in table


# ---- targeted: each difference the diff finds ----

def _memo(cache: str) -> str:
    return (
        "from flowc.dsl import *\n\n"
        "class Memo(Workflow):\n"
        "    entrypoint = 'cached'\n\n"
        "    @template(memoize=V1alpha1Memoize(\n"
        "        key='{{inputs.parameters.m}}',\n"
        "        max_age='10s',\n"
        f"        cache={cache},\n"
        "    ))\n"
        "    @inputs.parameter(name='m', value='hi')\n"
        "    def cached(self, m) -> V1Container:\n"
        "        return V1Container(image='alpine:3.19', command=['echo', '{{inputs.parameters.m}}'])\n"
    )


LOCAL_REF = "V1alpha1Cache(config_map=V1LocalObjectReference(name='memo'))"
KEY_SELECTOR = "V1alpha1Cache(config_map=V1ConfigMapKeySelector(name='memo', key='k'))"
OLD = ("3.4", "3.5", "3.6", "3.7")
NEW = ("4.0", "4.1")


def _errors(src, version):
    with pytest.raises(flowc.CompileError) as e:
        flowc.compile_source(src, "w.py", argo_version=version)
    return e.value.diagnostics


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_memoize_cache_for_each_version(version, validate_argo_version):
    good, bad = (KEY_SELECTOR, LOCAL_REF) if version in OLD else (LOCAL_REF, KEY_SELECTOR)
    out = flowc.compile_source(_memo(good), "w.py", argo_version=version)
    doc = load_all(out)[0]
    validate_argo_version(version)(doc)
    cm = doc["spec"]["templates"][0]["memoize"]["cache"]["configMap"]
    assert cm == ({"name": "memo", "key": "k"} if version in OLD else {"name": "memo"})
    # The other version's model: an error at the user's line naming the version, no document.
    [d] = _errors(_memo(bad), version)
    assert d.code == "E1051" and d.line == 9, str(d)
    assert f"in Argo {version}" in d.message
    want = "V1ConfigMapKeySelector" if version in OLD else "V1LocalObjectReference"
    assert f"write a {want} for {version}" in d.message, d.message


@pytest.mark.parametrize("version", OLD)
def test_memoize_cache_as_a_dict_without_key(version):
    """A dict has no model to object to: the missing `key` is found in the
    document, and reported at the dict (line 9) naming the version."""
    [d] = _errors(_memo("{'configMap': {'name': 'memo'}}"), version)
    assert d.code == "E1052" and d.line == 9, str(d)
    assert d.message == (f"Argo {version}'s schema requires 'key' in ConfigMapKeySelector")


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_memoize_cache_as_a_dict_with_key(version, validate_argo_version):
    src = _memo("{'configMap': {'name': 'memo', 'key': 'k'}}")
    if version in NEW:  # no `key` in a LocalObjectReference
        [d] = _errors(src, version)
        assert d.code == "E0104" and "'key'" in d.message
        return
    validate_argo_version(version)(load_all(flowc.compile_source(src, "w.py", argo_version=version))[0])


def _pod(field: str) -> str:
    return (
        "from flowc.dsl import *\n\n"
        "class Pod(Workflow):\n"
        "    entrypoint = 'main'\n"
        f"    {field}\n\n"
        "    @template\n"
        "    def main(self) -> V1Container:\n"
        "        return V1Container(image='alpine:3.19')\n"
    )


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_host_alias_ip_required_from_3_6(version, validate_argo_version):
    src = _pod("host_aliases = [V1HostAlias(hostnames=['db.local'])]")
    if version in ("3.4", "3.5"):
        validate_argo_version(version)(load_all(flowc.compile_source(src, "w.py", argo_version=version))[0])
    else:
        [d] = _errors(src, version)
        assert d.code == "E1052" and d.line == 5 and d.message == f"Argo {version}'s schema requires 'ip' in HostAlias"
    ok = _pod("host_aliases = [V1HostAlias(ip='10.0.0.1', hostnames=['db.local'])]")
    validate_argo_version(version)(load_all(flowc.compile_source(ok, "w.py", argo_version=version))[0])


@pytest.mark.parametrize("version", ARGO_VERSIONS)
@pytest.mark.parametrize("field, bad, good", [
    ("tolerations = [V1Toleration(key='k', operator='Maybe')]", "Maybe", "Exists"),
    ("tolerations = [V1Toleration(key='k', effect='Sometimes')]", "Sometimes", "NoSchedule"),
    ("security_context = V1PodSecurityContext(seccomp_profile=V1SeccompProfile(type='Strict'))", "Strict",
     "RuntimeDefault"),
])
def test_enums_of_3_4_and_3_5(version, field, bad, good, validate_argo_version):
    src = _pod(field)
    if version in ("3.4", "3.5"):
        [d] = _errors(src, version)
        assert d.code == "E1053" and d.line == 5, str(d)
        assert d.message.startswith(f"Argo {version}'s schema allows only ") and f"got '{bad}'" in d.message
    else:  # later versions take any string
        validate_argo_version(version)(load_all(flowc.compile_source(src, "w.py", argo_version=version))[0])
    fixed = _pod(field.replace(bad, good))
    validate_argo_version(version)(load_all(flowc.compile_source(fixed, "w.py", argo_version=version))[0])


def _container(keyword: str) -> str:
    return (
        "from flowc.dsl import *\n\n"
        "class W(Workflow):\n"
        "    entrypoint = 'main'\n\n"
        "    @template\n"
        "    def main(self) -> V1Container:\n"
        f"        return V1Container(image='alpine:3.19', {keyword})\n"
    )


@pytest.mark.parametrize("version", ("3.4", "3.5"))
def test_container_enum_in_a_template(version):
    src = _container("termination_message_policy='Fallback'")
    [d] = _errors(src, version)
    assert d.code == "E1053" and d.line == 8
    assert "FallbackToLogsOnError, File" in d.message and "got 'Fallback'" in d.message
    flowc.compile_source(src, "w.py", argo_version="3.6")


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_an_enum_argo_validates_is_one_error(version):
    """imagePullPolicy is checked by Argo's validator in every version (E0715):
    3.4's enum adds no second error at the same place."""
    [d] = _errors(_container("image_pull_policy='always'"), version)
    assert d.code == "E0715"


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_cron_schedule_for_each_version(version, validate_argo_version):
    """schedule is required up to 3.5, schedules from 4.0, neither in 3.6/3.7:
    flowc writes the version's field either way."""
    src = (
        "from flowc.dsl import *\n\n"
        "class Nightly(CronWorkflow):\n"
        "    entrypoint = 'hello'\n"
        "    schedules = ['0 1 * * *']\n\n"
        "    @template\n"
        "    def hello(self) -> V1Container:\n"
        "        return V1Container(image='alpine')\n"
    )
    doc = yaml.safe_load(flowc.compile_source(src, "cron.py", argo_version=version))
    validate_argo_version(version)(doc)


MEMO_YAML = """\
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: memo-
spec:
  entrypoint: cached
  templates:
  - name: cached
    memoize:
      key: k
      maxAge: 10s
      cache:
        configMap:
          name: memo-cache
          key: k
    container:
      image: alpine:3.19
"""


@pytest.mark.parametrize("version", ARGO_VERSIONS)
def test_import_writes_the_versions_memoize_model(version, validate_argo_version):
    """flowc import --argo-version reads the field by the version's type: a
    3.x configMap with its key becomes a V1ConfigMapKeySelector that compiles
    back to the same data; 4.x has no key (E1012 at it)."""
    if version in NEW:
        with pytest.raises(flowc.CompileError) as e:
            flowc.import_yaml(MEMO_YAML, filename="memo.yaml", argo_version=version)
        assert [d.code for d in e.value.errors] == ["E1012"] and e.value.errors[0].line == 15
        return
    python = flowc.import_yaml(MEMO_YAML, filename="memo.yaml", argo_version=version)
    assert "config_map=V1ConfigMapKeySelector(name=\"memo-cache\", key=\"k\")" in python
    [doc] = load_all(flowc.compile_source(python, "memo.py", argo_version=version))
    assert doc == yaml.safe_load(MEMO_YAML)
    validate_argo_version(version)(doc)


# --- flowc lint --argo-version runs the enum check (E1053) on YAML.

def _lint_doc(pod_spec: str) -> str:
    return (
        "apiVersion: argoproj.io/v1alpha1\n"
        "kind: Workflow\n"
        "metadata:\n"
        "  generateName: w-\n"
        "spec:\n"
        "  entrypoint: main\n"
        f"{pod_spec}"
        "  templates:\n"
        "  - name: main\n"
        "    container:\n"
        "      image: alpine:3.19\n"
    )


LINT_CASES = [
    # (the spec lines, the code when a version's schema refuses them, the line)
    # (no E1052 case: lint leaves required fields to Argo, which accepts
    # documents its schema's required lists would refuse; test_lint_required)
    ("  tolerations:\n  - key: k\n    operator: Maybe\n", "E1053", 9),
    ("  securityContext:\n    seccompProfile:\n      type: Strict\n", "E1053", 9),
]


@pytest.mark.parametrize("version", ARGO_VERSIONS)
@pytest.mark.parametrize("spec, code, line", LINT_CASES, ids=["toleration-operator", "seccomp-type"])
def test_lint_checks_the_version_schema(version, spec, code, line, tmp_path, validate_argo_version):
    """lint's verdict for a version is that version's schema's (the real
    jsonschema validator on Argo's schema.json of the version)."""
    from conftest import FLOWC
    import subprocess
    text = _lint_doc(spec)
    path = tmp_path / "w.yaml"
    path.write_text(text)
    try:
        validate_argo_version(version)(yaml.safe_load(text))  # asserts the schema's errors are none
        schema_ok = True
    except AssertionError:
        schema_ok = False
    r = subprocess.run([*FLOWC, "lint", "--argo-version", version, str(path)], capture_output=True, text=True,
                       timeout=60)
    assert (r.returncode == 0) == schema_ok, (version, r.stdout, r.stderr)
    if not schema_ok:
        assert f"w.yaml:{line}:" in r.stdout + r.stderr and f"[{code}]" in r.stdout + r.stderr, r.stdout + r.stderr
        assert f"Argo {version}'s schema" in r.stdout + r.stderr


def test_lint_required(tmp_path):
    """lint does not say E1052: Argo's own validator tests accept a script
    template whose image comes from templateDefaults (validate-cases 108),
    which Argo 4.1's schema's required list would refuse."""
    from conftest import FLOWC
    import subprocess
    path = tmp_path / "w.yaml"
    path.write_text(
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: w-}\nspec:\n"
        "  entrypoint: main\n  templateDefaults:\n    script: {image: alpine}\n  templates:\n"
        "  - name: main\n    script: {source: echo hi, command: [sh]}\n")
    r = subprocess.run([*FLOWC, "lint", str(path)], capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (0, "")
