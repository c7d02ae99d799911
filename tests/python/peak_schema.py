"""The Peak workflow body schema (python/flowc/schemas/peak-workflow.schema.json), as a check."""
from __future__ import annotations

import json

import jsonschema

from conftest import ROOT

SCHEMA = json.loads((ROOT / "python" / "flowc" / "schemas" / "peak-workflow.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def validate_peak(doc: dict) -> None:
    """A Peak file: exactly {"body": <a valid Peak workflow>}."""
    assert list(doc) == ["body"], list(doc)
    errors = sorted(VALIDATOR.iter_errors(doc["body"]), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
