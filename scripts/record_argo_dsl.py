#!/usr/bin/env python3
"""Records what argo-python-dsl 0.4.0 itself makes of tests/compat_real/*.py.

    python3 -m venv /tmp/argo-dsl && /tmp/argo-dsl/bin/pip install -r bench/requirements/argo-dsl.txt
    /tmp/argo-dsl/bin/python scripts/record_argo_dsl.py

Each file is imported (it runs: the files are ours), every workflow class
defined in it is instantiated, and the library's serialization of it (the
JSON it submits: `sanitize_for_serialization`) is written to
tests/compat_real/<file>.argo-dsl.json, a list in definition order.
tests/python/test_compat_real.py compares flowc's output with these files.
"""
from __future__ import annotations

import importlib.util
import inspect
import json
import sys
from pathlib import Path

from argo.workflows.dsl import ClusterWorkflowTemplate, CronWorkflow, Workflow, WorkflowTemplate
from argo.workflows.dsl._utils import sanitize_for_serialization

HERE = Path(__file__).resolve().parents[1] / "tests" / "compat_real"
BASES = (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow)


def record(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # inspect finds the classes' source through it
    spec.loader.exec_module(module)
    classes = [c for c in vars(module).values()
               if inspect.isclass(c) and issubclass(c, BASES) and c not in BASES and c.__module__ == path.stem]
    classes.sort(key=lambda c: inspect.getsourcelines(c)[1])
    docs = [sanitize_for_serialization(c()) for c in classes]
    path.with_suffix(".argo-dsl.json").write_text(json.dumps(docs, indent=2, sort_keys=True) + "\n")


def main() -> int:
    for path in sorted(HERE.glob("*.py")):
        record(path)
        print(f"recorded {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
