#!/usr/bin/env python3
"""Generates flowc's model tables from Argo's OpenAPI spec.

    python3 scripts/gen_models.py [path/to/swagger.json]

Reads ../shared/argo/swagger.json (by default) and writes
  compiler/frontend/models_table.cpp  the C++ field table the compiler checks
                                      model constructor calls against
  python/flowc/dsl/models.py          the model classes of flowc.dsl, made at import
                                      from a table of names and JSON fields
  python/flowc/dsl/models.pyi         the typed model classes, for type checkers
                                      (rendered by scripts/gen_dsl_stubs.py)
  python/flowc/dsl/__init__.pyi       its generated part: the model names of __all__

Both outputs are committed; rerun this after updating the spec. Python class
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
DEFAULT_SPEC = ROOT.parent / "shared" / "argo" / "swagger.json"

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


def outputs(spec_path: Path = DEFAULT_SPEC) -> dict:
    """{path relative to the repository: generated text} for every output.
    tests/python/test_typing.py checks the committed files against it."""
    defs = json.loads(spec_path.read_text())["definitions"]
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

    lines = [
        "// GENERATED by scripts/gen_models.py from Argo's swagger.json. Do not edit; rerun the script.",
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
            lines.append(f'    {{"{f}", "{keyword_name(f)}", "{desc}", {"true" if req else "false"}}},')
        lines.append("};")
    lines.append("}  // namespace")
    lines.append("")
    lines.append("const Model kModels[] = {")
    for name, (definition, fields) in sorted(models.items()):
        table = f"k{name}" if fields else "nullptr"
        # A plugin template's body is the plugin's own: any fields.
        is_open = "true" if definition in OPEN_MODELS else "false"
        lines.append(f'    {{"{name}", "{definition}", {table}, {len(fields)}, {is_open}}},')
    lines.append("};")
    lines.append(f"const size_t kModelCount = {len(models)};")
    lines.append("")
    lines.append("}  // namespace flowc::models")
    files = {"compiler/frontend/models_table.cpp": "\n".join(lines) + "\n"}

    py = [
        "# GENERATED by scripts/gen_models.py from Argo's swagger.json. Do not edit; rerun the script.",
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
    spec_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SPEC
    files = outputs(spec_path)
    for rel, text in files.items():
        (ROOT / rel).write_text(text)
    print(f"{len(files)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
