"""`flowc import`: Argo YAML in, flowc DSL source out (the work is in the C++
core: compiler/yaml, compiler/pywriter, compiler/driver/import.cpp).

    flowc import FILE.yaml... [-o OUT] [--argo-version X.Y]

`-` reads standard input; a folder is walked for *.yaml / *.yml; `-o DIR/`
writes one .py per input, mirroring the input tree; standard output by
default. An input that fails leaves nothing written or replaced.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional, Tuple, Union

from . import CompileError, _core, _diagnostics
from ._project import ARGO_VERSIONS, DEFAULT_ARGO_VERSION, ProjectError, argo_version_for


def import_yaml(text: Union[str, bytes], filename: str = "<string>", *, argo_version: Optional[str] = None) -> str:
    """The flowc DSL source for Argo YAML `text` (every document, in order).
    Raises CompileError with the diagnostics when the YAML is bad or holds
    something the DSL cannot express. Warnings (a repeated key, a document
    Argo refuses as written) are issued as FlowcWarning. ``argo_version="3.5"``
    reads the YAML against that version's fields (default: 4.1).

        >>> source = flowc.import_yaml(open("hello-world.yaml").read(), "hello-world.yaml")
        >>> flowc.compile_source(source)   # gives the same documents back
    """
    raw = text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogateescape")
    result = _core.import_yaml(raw, filename, argo_version or "")
    diagnostics = _diagnostics(result["diagnostics"])
    if not result["ok"]:
        raise CompileError(diagnostics)
    from .result import issue
    issue(diagnostics)  # warnings (a repeated key, a nameless workflow) as FlowcWarning
    return result["output"]


def add_parser(sub) -> None:
    c = sub.add_parser("import", help="turn Argo YAML into flowc Python",
                       description="Import Argo YAML files as flowc DSL source.")
    c.add_argument("files", nargs="+", metavar="FILE", help="YAML files or folders ('-' for standard input)")
    c.add_argument("-o", "--output", metavar="OUT",
                   help="write here instead of standard output; a directory (existing, or ending in '/') "
                        "gets one .py per input, mirroring the input tree")
    c.add_argument("--argo-version", choices=ARGO_VERSIONS, metavar="X.Y",
                   help="the Argo version whose fields the YAML is read against: " + ", ".join(ARGO_VERSIONS) +
                        " (default: the argo-version under [tool.flowc] in the file's pyproject.toml, else " +
                        DEFAULT_ARGO_VERSION + ")")


def _inputs(paths: List[str]) -> List[Tuple[str, str]]:
    """(path, path relative to its root) for each file; folders walked in sorted order."""
    out = []
    for p in paths:
        if p != "-" and os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".yaml", ".yml")):
                        full = os.path.join(root, f)
                        out.append((full, os.path.relpath(full, p)))
        else:
            out.append((p, "stdin.yaml" if p == "-" else os.path.basename(p)))
    return out


def import_command(args: argparse.Namespace, read, emit, write_atomic) -> int:
    results = []  # (relative path, python)
    failed = False
    for path, rel in _inputs(args.files):
        try:
            text = read(path)
        except OSError as e:
            sys.stderr.write(f"flowc: error: cannot read {path}: {e.strerror}\n")
            return 2
        raw = text.encode("utf-8", errors="surrogateescape")
        try:
            version = argo_version_for(path, getattr(args, "argo_version", None))
        except ProjectError as e:  # a bad [tool.flowc] argo-version
            emit(sys.stderr, f"{e} [E0054]\n")
            failed = True
            continue
        result = _core.import_yaml(raw, "<stdin>" if path == "-" else path, version)
        for d in _diagnostics(result["diagnostics"]):
            emit(sys.stderr, str(d))
        if not result["ok"]:
            failed = True
            continue
        results.append((rel, result["output"]))
    out = args.output
    if out and (out.endswith("/") or os.path.isdir(out)):
        for rel, python in results:
            target = os.path.join(out, os.path.splitext(rel)[0] + ".py")
            os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
            write_atomic(target, python)
    elif failed:
        return 1
    elif out:
        if len(results) > 1:
            sys.stderr.write("flowc: error: several inputs imported; write them to a directory with -o DIR/\n")
            return 2
        write_atomic(out, results[0][1])
    else:
        emit(sys.stdout, "".join(p for _, p in results))
    return 1 if failed else 0
