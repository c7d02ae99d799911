"""Project settings: the `[tool.flowc]` table of pyproject.toml.

    [tool.flowc]
    argo-version = "3.5"

A file compiles with the settings of the nearest pyproject.toml above it that
has a [tool.flowc] table (a pyproject.toml without one, e.g. a vendored
package's, does not hide the project's). Settings given explicitly (the CLI's
--argo-version, the API's argo_version=) win over the file.
"""
from __future__ import annotations

import os
from typing import Optional, Tuple

# What flowc writes for (compiler/ir/argo_version.h lists the same).
ARGO_VERSIONS = ("3.4", "3.5", "3.6", "3.7", "4.0", "4.1")
DEFAULT_ARGO_VERSION = "4.1"


class ProjectError(Exception):
    """A pyproject.toml that cannot be read, or a [tool.flowc] setting that is wrong."""


def _load_toml(path: str) -> dict:
    try:
        import tomllib  # Python 3.11+
    except ImportError:  # pragma: no cover - older Pythons install tomli (pyproject.toml)
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ProjectError(f"{path}: error: cannot read it: {e}") from None


def find_settings(source_path: str) -> Tuple[Optional[str], dict]:
    """(the pyproject.toml, its [tool.flowc] table) nearest above `source_path`,
    or (None, {})."""
    folder = os.path.dirname(os.path.abspath(source_path))
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            table = _load_toml(candidate).get("tool", {}).get("flowc")
            if table is not None:
                if not isinstance(table, dict):
                    raise ProjectError(f"{candidate}: error: [tool.flowc] must be a table")
                return candidate, table
        parent = os.path.dirname(folder)
        if parent == folder:
            return None, {}
        folder = parent


def argo_version_for(source_path: Optional[str], explicit: Optional[str] = None) -> str:
    """The Argo version to compile `source_path` for: `explicit` if given, else
    its project's argo-version, else the default ("" for a string: no folder)."""
    if explicit:
        return explicit
    if not source_path or source_path == "-" or source_path.startswith("<"):
        return ""
    path, table = find_settings(source_path)
    value = table.get("argo-version")
    if value is None:
        return ""
    if not isinstance(value, str) or value not in ARGO_VERSIONS:
        raise ProjectError(f"{path}: error: [tool.flowc] argo-version = {value!r} is not a version flowc writes for "
                           f"(one of {', '.join(ARGO_VERSIONS)})")
    return value


# --- python-version (issue 20)
# The Python versions flowc reads (compiler/parse/python_version.h says the same).
PYTHON_VERSIONS = ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14")


def lowest_required_python(specifiers: str) -> str:
    """The lowest Python a PEP 440 `requires-python` allows, as ruff derives
    target-version (compiler/cli/requires_python.cpp does the same): only
    lower bounds count; none -> the oldest flowc reads; clamped to 3.9..3.14."""
    lowest = 9
    for spec in specifiers.split(","):
        spec = spec.strip()
        op = len(spec) - len(spec.lstrip("<>=!~"))
        if spec[:op] not in (">=", ">", "==", "===", "~="):
            continue
        parts = spec[op:].strip().split(".")
        if len(parts) < 2 or not parts[0].isdigit() or not parts[1][:1].isdigit():
            continue
        major = int(parts[0])
        minor = int("".join(c for c in parts[1] if c.isdigit()) or 0)
        if major < 3:
            continue
        lowest = max(lowest, 14 if major > 3 else minor)
    return f"3.{min(max(lowest, 9), 14)}"


def python_version_for(source_path: Optional[str], explicit: Optional[str] = None) -> str:
    """The Python version to read `source_path` as: `explicit` if given, else
    the nearest pyproject.toml above it that says one ([tool.flowc]
    python-version, else [project] requires-python's lowest version), else ""
    (the newest, 3.14)."""
    if explicit:
        return explicit
    if not source_path or source_path == "-" or source_path.startswith("<"):
        return ""
    folder = os.path.dirname(os.path.abspath(source_path))
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                doc = _load_toml(candidate)
            except ProjectError:
                doc = {}
            value = doc.get("tool", {}).get("flowc", {}).get("python-version") if isinstance(
                doc.get("tool", {}).get("flowc"), dict) else None
            if value is not None:
                if not isinstance(value, str) or value not in PYTHON_VERSIONS:
                    raise ProjectError(f"{candidate}: error: [tool.flowc] python-version = {value!r} is not a "
                                       f"version flowc reads (one of {', '.join(PYTHON_VERSIONS)})")
                return value
            requires = doc.get("project", {}).get("requires-python") if isinstance(doc.get("project"), dict) else None
            if isinstance(requires, str):
                return lowest_required_python(requires)
        parent = os.path.dirname(folder)
        if parent == folder:
            return ""
        folder = parent
