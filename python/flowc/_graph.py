"""Pictures of a workflow's DAG and steps templates: SVG, Graphviz DOT or
Mermaid text, drawn by the core (compiler/graph: layered layout, no
Graphviz, browser or network needed).

    >>> import flowc
    >>> svg = flowc.graph_file("examples/dag_diamond.py")            # SVG text
    >>> print(flowc.graph_file("examples/dag_diamond.py", "mermaid"))
"""
from __future__ import annotations

import os
from typing import Any, Union

from . import CompileError, _class_input, _core, _diagnostics, _locate, _source
from .result import CompileResult, issue

GRAPH_FORMATS = tuple(_core.GRAPH_FORMATS)  # ("svg", "dot", "mermaid")


def _run(source: str, filename: str, format: str, *, implicit_dsl: bool = False, only_class: str = "",
         only_line: int = 0, load_imports: bool = False, rename: Any = None) -> CompileResult:
    if format not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {format!r}; choose one of {', '.join(GRAPH_FORMATS)}")
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="surrogateescape")
    result = _core.graph(source.encode("utf-8", errors="surrogateescape"), os.fsencode(filename), format,
                         implicit_dsl, only_class.encode("utf-8", errors="surrogateescape"), load_imports, only_line)
    diagnostics = _diagnostics(result["diagnostics"])
    if rename is not None:
        diagnostics = rename(diagnostics)
    if not result["ok"]:
        raise CompileError(diagnostics)
    issue(diagnostics)
    return CompileResult(result["output"], diagnostics, [])


def graph_source(source: Union[str, bytes], filename: str = "<string>", format: str = "svg") -> CompileResult:
    """The picture of every workflow in `source`: "svg" (default), "dot" or
    "mermaid" text. Raises CompileError if the source does not compile.

        >>> text = flowc.graph_source(open("flow.py").read(), "flow.py", "dot")
    """
    return _run(source, filename, format)


def graph_file(path: Union[str, "os.PathLike[str]"], format: str = "svg") -> CompileResult:
    """The picture of every workflow in a file (see graph_source).

        >>> open("flow.svg", "w").write(flowc.graph_file("flow.py"))
    """
    data = _source.read_path(path)
    return _run(data.decode("utf-8", errors="surrogateescape"), os.fspath(path), format, load_imports=True)


def graph(workflow: Any, format: str = "svg") -> CompileResult:
    """The picture of one workflow class (or instance), read from its source
    like flowc.compile (in a notebook: with the earlier cells).

        >>> svg = flowc.graph(DagDiamond)
        >>> flowc.graph(DagDiamond, "mermaid")
    """
    cls = workflow if issubclass(type(workflow), type) else type(workflow)
    filename, source, line, rename = _class_input(cls)
    return _run(source, filename, format, implicit_dsl=True, only_class=_locate.class_name(cls), only_line=line,
                load_imports=os.path.isfile(filename), rename=rename)
