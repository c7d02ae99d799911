#!/usr/bin/env python3
"""Generates flowc's model tables from Argo's OpenAPI spec.

    python3 scripts/gen_models.py [path/to/argo/versions]

Reads ../shared/argo/versions/<X.Y>/swagger.json of every supported Argo
version (by default) and writes
  compiler/frontend/models_table.cpp  the C++ field table the compiler checks
                                      model constructor calls against
  python/flowc/dsl/models.py          the model classes of flowc.dsl, made at import
                                      from a table of names and JSON fields
  python/flowc/dsl/models.pyi         the typed model classes, for type checkers
                                      (rendered by scripts/gen_dsl_stubs.py)
  python/flowc/dsl/__init__.pyi       its generated part: the model names of __all__

The C++ table is the union of the versions' models: each field and model
that some version lacks carries the range of versions that have it
(`since`, `until`: indices into kVersions, compiler/ir/argo_version.h), so
one compact table serves every version. Types, required flags and docs are
the newest version's that has the field. The typed stubs have the newest
version's types, with every version's fields and models (those some
version lacks say which versions have them). The outputs are committed (not generated at build time): the
swaggers are reference data outside the repository, and a build that does not
run Python stays fast; rerun this after updating the specs. Python class
names follow the Argo / Kubernetes Python clients: io.argoproj.workflow.v1alpha1.X
-> V1alpha1X, io.k8s.api.core.v1.X and io.k8s.apimachinery.pkg.apis.meta.v1.X -> V1X.

A field's type is written as a small descriptor string:
  str int num bool intstr quantity any object   scalars and free-form values
  V1Container                                   a nested model
  [T]                                           a list of T
  {T}                                           a map from str to T
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_dsl_stubs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPECS = ROOT.parent / "shared" / "argo" / "versions"
# Oldest first; the indices are ArgoVersion's (compiler/ir/argo_version.h).
VERSIONS = ["3.4", "3.5", "3.6", "3.7", "4.0", "4.1"]

PREFIXES = {
    "io.argoproj.workflow.v1alpha1.": "V1alpha1",
    "io.k8s.api.core.v1.": "V1",
    "io.k8s.api.policy.v1.": "V1",
    "io.k8s.apimachinery.pkg.apis.meta.v1.": "V1",
}
# Definitions that are values, not models.
PRIMITIVE_REFS = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": "intstr",
    "io.k8s.apimachinery.pkg.api.resource.Quantity": "quantity",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": "str",
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": "str",
    "io.argoproj.workflow.v1alpha1.Item": "any",
    "io.argoproj.workflow.v1alpha1.Amount": "num",
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": "object",
}


PY_KEYWORDS = {"from", "if", "in", "is", "class", "import", "not", "and", "or", "for", "while", "with", "as",
               "def", "del", "global", "lambda", "pass", "raise", "return", "try", "yield", "async", "await",
               "else", "elif", "except", "finally", "continue", "break", "assert", "nonlocal", "None", "True",
               "False"}


def keyword_name(json_name: str) -> str:
    """The Python client's attribute for a JSON field: openapi-generator's
    underscore() ("podGC" -> "pod_gc", "imagePullPolicy" -> "image_pull_policy"),
    with a leading '_' for Python keywords ("from" -> "_from")."""
    word = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", json_name)
    word = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", word)
    word = word.replace("-", "_").replace("$", "").lower()
    return "_" + word if word in PY_KEYWORDS else word


# Models whose fields are free-form (anything goes).
OPEN_MODELS = {"io.argoproj.workflow.v1alpha1.Plugin"}


def python_name(definition: str):
    for prefix, py in PREFIXES.items():
        if definition.startswith(prefix):
            return py + definition[len(prefix):]
    return None


def describe(prop: dict, defs: dict) -> str:
    if "$ref" in prop:
        target = prop["$ref"].split("/")[-1]
        if target in PRIMITIVE_REFS:
            return PRIMITIVE_REFS[target]
        d = defs[target]
        if "properties" not in d:
            if d.get("type") == "array":
                return "[" + describe(d["items"], defs) + "]"
            return "object"
        name = python_name(target)
        return name if name else "object"
    t = prop.get("type")
    if t == "string":
        return "str"
    if t == "integer":
        return "int"
    if t == "number":
        return "num"
    if t == "boolean":
        return "bool"
    if t == "array":
        return "[" + describe(prop.get("items", {}), defs) + "]"
    if t == "object":
        if "additionalProperties" in prop:
            return "{" + describe(prop["additionalProperties"], defs) + "}"
        return "object"
    return "any"


RUNTIME_DOC = '''"""Every Argo and Kubernetes model class of the DSL (V1Container,
V1alpha1Parameter, ...), by its Python client name.

At run time a model class only keeps its keyword arguments: flowc reads the
source text, it never runs it. The classes are made at import from the table
below (names and JSON fields), which keeps ``import flowc.dsl`` fast; their
keywords, types and docstrings are in models.pyi, generated from the same
spec, which only type checkers read.
"""'''

RUNTIME_CLASSES = '''
__all__ = sorted(MODELS)


class Model:
    """Base of the model classes: keeps its keyword arguments, nothing else."""

    definition: str = ""
    fields: Tuple[str, ...] = ()

    def __init__(self, **kwargs: Any) -> None:
        self.__dict__.update(kwargs)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({args})"


for _name, (_definition, _fields) in MODELS.items():
    globals()[_name] = type(_name, (Model,), {"definition": _definition, "fields": _fields, "__module__": __name__})
del _name, _definition, _fields
'''


def collect(defs: dict) -> dict:
    """{python name: (definition, [(json field, descriptor, required)])} of one spec."""
    models = {}
    for definition in sorted(defs):
        name = python_name(definition)
        d = defs[definition]
        if not name or definition in PRIMITIVE_REFS:
            continue
        if "properties" not in d and d.get("type") != "object":
            continue  # arrays and scalars are not models
        # Responses of the API server are not something a workflow constructs.
        if definition.endswith(("Response", "DeletedResponse")):
            continue
        if name in models:
            sys.exit(f"two definitions map to {name}: {models[name][0]} and {definition}")
        required = set(d.get("required", []))
        fields = [(f, describe(p, defs), f in required) for f, p in sorted(d.get("properties", {}).items())]
        models[name] = (definition, fields)
    return models


def version_range(present: list) -> tuple:
    """(since, until) indices of the versions in `present` (a run of VERSIONS)."""
    idx = [VERSIONS.index(v) for v in present]
    if idx != list(range(idx[0], idx[-1] + 1)):
        sys.exit(f"not a contiguous range of versions: {present}")
    return idx[0], idx[-1] + 1


def union(per_version: dict) -> tuple:
    """The union of every version's models: ({name: (definition, fields)} with
    each field's descriptor from the newest version having it, and
    {name: (since, until)}, {(name, field): (since, until)} for what some
    version lacks."""
    models, model_ranges, field_ranges = {}, {}, {}
    for name in sorted(set().union(*per_version.values())):
        present = [v for v in VERSIONS if name in per_version[v]]
        if len(present) < len(VERSIONS):
            model_ranges[name] = version_range(present)
        fields = {}
        for v in present:  # oldest first: newer versions overwrite descriptors
            for f, desc, req in per_version[v][name][1]:
                fields[f] = (f, desc, req)
        for f in fields:
            has = [v for v in present if any(x[0] == f for x in per_version[v][name][1])]
            if len(has) < len(present):
                field_ranges[(name, f)] = version_range(has)
        models[name] = (per_version[present[-1]][name][0], [fields[f] for f in sorted(fields)])
    return models, model_ranges, field_ranges


def enums(defs: dict) -> dict:
    """{(python name, json field): "A|B|C"} of one spec: the fields whose
    values the schema limits to a list (Kubernetes' enums, in 3.4 and 3.5)."""
    out = {}
    for definition, d in defs.items():
        name = python_name(definition)
        for f, p in d.get("properties", {}).items():
            if name and "enum" in p:
                out[(name, f)] = "|".join(p["enum"])
    return out


def variants(per_version: dict, per_version_enums: dict, models: dict) -> list:
    """Where a field's type, required-ness or allowed values in some versions
    differ from the table's (the newest version's having the field, which has
    no enums): [(name, field, since, until, type, required, enum)], one per
    run of versions that agree. E.g. memoize's cache.configMap is a
    ConfigMapKeySelector (`key` required) up to 3.7 and a LocalObjectReference
    from 4.0; HostAlias.ip is required from 3.6."""
    out = []
    for name, (_, fields) in sorted(models.items()):
        for f, desc, req in fields:
            runs = []  # [(shape, [versions])]
            for v in VERSIONS:
                mine = [x for x in per_version[v].get(name, ("", []))[1] if x[0] == f]
                if not mine:
                    continue
                shape = (mine[0][1], mine[0][2], per_version_enums[v].get((name, f), ""))
                if shape == (desc, req, ""):
                    continue
                if runs and runs[-1][0] == shape and VERSIONS.index(runs[-1][1][-1]) + 1 == VERSIONS.index(v):
                    runs[-1][1].append(v)
                else:
                    runs.append((shape, [v]))
            for (t, r, e), vs in runs:
                since, until = version_range(vs)
                out.append((name, f, since, until, t, r, e))
    return out


def versions_text(r) -> str:
    """(since, until) -> "3.6+", "3.4-3.7", "4.1+"."""
    first, last = VERSIONS[r[0]], VERSIONS[r[1] - 1]
    if r[1] == len(VERSIONS):
        return f"{first}+"
    return f"{first}-{last}" if first != last else first


# Settings flowc writes for every version, either way (compiler/frontend/version_rules.cpp).
RENAMED = {("V1alpha1CronWorkflowSpec", "schedule"), ("V1alpha1CronWorkflowSpec", "schedules"),
           ("V1alpha1Synchronization", "mutex"), ("V1alpha1Synchronization", "mutexes"),
           ("V1alpha1Synchronization", "semaphore"), ("V1alpha1Synchronization", "semaphores")}


def merged_defs(per_version_defs: dict, models: dict, model_ranges: dict, field_ranges: dict) -> dict:
    """Definitions for the stubs' docs: each the newest version's that has it,
    with the properties of older versions added, and what some version lacks
    documented with the versions that have it ("Argo 3.6+ only.")."""
    merged = {}
    for v in VERSIONS:  # oldest first: newer definitions replace older ones
        for definition, d in per_version_defs[v].items():
            props = dict(merged.get(definition, {}).get("properties", {}))
            props.update(d.get("properties", {}))
            merged[definition] = dict(d, properties=props) if "properties" in d or props else dict(d)
    for name, (definition, _) in models.items():
        d = merged[definition]
        if name in model_ranges:
            d["description"] = f"Argo {versions_text(model_ranges[name])} only. " + (d.get("description") or "")
        for (m, f), r in field_ranges.items():
            if m == name:
                prop = dict(d["properties"][f])
                note = f"Argo {versions_text(r)} only. "
                if (name, f) in RENAMED:
                    note = f"Argo {versions_text(r)}; flowc writes it for every version, as one item up to 3.5 and a list from 3.6. "
                prop["description"] = note + (prop.get("description") or "")
                d["properties"][f] = prop
    return merged


def range_init(r) -> str:
    return "" if r is None else f", {r[0]}, {r[1]}"


def outputs(specs: Path = DEFAULT_SPECS) -> dict:
    """{path relative to the repository: generated text} for every output.
    tests/python/test_typing.py checks the committed files against it."""
    per_version_defs = {v: json.loads((specs / v / "swagger.json").read_text())["definitions"] for v in VERSIONS}
    per_version = {v: collect(d) for v, d in per_version_defs.items()}
    models, model_ranges, field_ranges = union(per_version)
    defs = merged_defs(per_version_defs, models, model_ranges, field_ranges)

    lines = [
        "// GENERATED by scripts/gen_models.py from the swagger.json of every supported Argo version. Do not edit; rerun the script.",
        '#include "frontend/models.h"',
        "",
        "namespace flowc::models {",
        "namespace {",
    ]
    for name, (definition, fields) in sorted(models.items()):
        if not fields:
            continue
        lines.append(f"const Field k{name}[] = {{")
        for f, desc, req in fields:
            r = range_init(field_ranges.get((name, f)))
            lines.append(f'    {{"{f}", "{keyword_name(f)}", "{desc}", {"true" if req else "false"}{r}}},')
        lines.append("};")
    lines.append("}  // namespace")
    lines.append("")
    lines.append("const Model kModels[] = {")
    for name, (definition, fields) in sorted(models.items()):
        table = f"k{name}" if fields else "nullptr"
        # A plugin template's body is the plugin's own: any fields.
        is_open = "true" if definition in OPEN_MODELS else "false"
        r = range_init(model_ranges.get(name))
        lines.append(f'    {{"{name}", "{definition}", {table}, {len(fields)}, {is_open}{r}}},')
    lines.append("};")
    lines.append(f"const size_t kModelCount = {len(models)};")
    lines.append("")
    lines.append("// Where a version's schema gives a field another type, required-ness or enum (models.h).")
    lines.append("const FieldVariant kFieldVariants[] = {")
    per_version_enums = {v: enums(d) for v, d in per_version_defs.items()}
    found = variants(per_version, per_version_enums, models)
    for name, f, since, until, t, r, e in found:
        lines.append(f'    {{"{name}", "{f}", {since}, {until}, "{t}", {"true" if r else "false"}, "{e}"}},')
    lines.append("};")
    lines.append(f"const size_t kFieldVariantCount = {len(found)};")
    lines.append("")
    lines.append("}  // namespace flowc::models")
    files = {"compiler/frontend/models_table.cpp": "\n".join(lines) + "\n"}

    py = [
        "# GENERATED by scripts/gen_models.py from the swagger.json of every supported Argo version. Do not edit; rerun the script.",
        RUNTIME_DOC,
        "from __future__ import annotations  # annotations are not evaluated at import",
        "",
        "from typing import Any, Tuple",
        "",
        "MODELS = {",
    ]
    for name, (definition, fields) in sorted(models.items()):
        py.append(f"    {name!r}: ({definition!r}, {tuple(f for f, _, _ in fields)!r}),")
    py.append("}")
    files["python/flowc/dsl/models.py"] = "\n".join(py) + "\n" + RUNTIME_CLASSES
    files["python/flowc/dsl/models.pyi"] = gen_dsl_stubs.render(models, defs, keyword_name, OPEN_MODELS)
    init_stub = "python/flowc/dsl/__init__.pyi"
    files[init_stub] = gen_dsl_stubs.fill_init_stub((ROOT / init_stub).read_text(), list(models))
    return files


def main() -> int:
    specs = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SPECS
    files = outputs(specs)
    for rel, text in files.items():
        (ROOT / rel).write_text(text)
    print(f"{len(files)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
