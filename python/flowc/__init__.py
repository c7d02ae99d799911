"""flowc: compile Python workflow classes to Argo Workflows or Peak YAML.

flowc reads the workflow's source text with tree-sitter and never runs it.

    >>> import flowc
    >>> print(flowc.compile_file("examples/hello_world.py"))

In a notebook, define the class in a cell and call ``flowc.compile(MyWorkflow)``
or ``MyWorkflow().to_yaml()``.
"""
from __future__ import annotations

import inspect
import linecache
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Union

from . import _core

__version__: str = _core.__version__

__all__ = [
    "CompileError",
    "Diagnostic",
    "compile",
    "compile_file",
    "compile_source",
    "compile_to_dicts",
    "lint",
    "lint_files",
    "peak_bodies",
    "__version__",
]

TARGETS = ("argo", "peak")
FORMATS = ("yaml", "json")


@dataclass(frozen=True)
class Note:
    message: str
    line: Optional[int] = None
    column: Optional[int] = None


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning, with its place in the source."""

    severity: str
    code: str
    message: str
    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    notes: List[Note] = field(default_factory=list)
    rendered: str = ""

    def __str__(self) -> str:
        return self.rendered or f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"


class CompileError(Exception):
    """Raised when a workflow does not compile; carries every diagnostic."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self.diagnostics: List[Diagnostic] = list(diagnostics)
        errors = [d for d in self.diagnostics if d.severity == "error"]
        super().__init__(self.render())
        self.errors = errors

    def render(self) -> str:
        """The diagnostics as the command line prints them (clang style)."""
        return "".join(str(d) for d in self.diagnostics).rstrip("\n")


def _diagnostics(raw: List[Dict[str, Any]]) -> List[Diagnostic]:
    out = []
    for d in raw:
        notes = [Note(n["message"], n["line"], n["column"]) for n in d["notes"]]
        out.append(
            Diagnostic(d["severity"], d["code"], d["message"], d["file"], d["line"], d["column"],
                       d["end_line"], d["end_column"], notes, d["rendered"])
        )
    return out


def _check(target: str, format: str) -> None:
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")


def _run(source: str, filename: str, target: str, format: str, *, implicit_dsl: bool = False,
         only_class: str = "", warnings_as_errors: bool = False, load_imports: bool = False,
         documents: bool = True, validate: bool = True) -> Dict[str, Any]:
    _check(target, format)
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="surrogateescape")
    # surrogateescape keeps invalid bytes visible to the core, which reports them.
    raw = source.encode("utf-8", errors="surrogateescape")
    result = _core.compile(raw, filename, target, format, implicit_dsl, only_class, warnings_as_errors,
                           load_imports, documents, validate)
    result["diagnostics"] = _diagnostics(result["diagnostics"])
    if not result["ok"]:
        raise CompileError(result["diagnostics"])
    return result


def compile_source(source: Union[str, bytes], filename: str = "<string>", target: str = "argo",
                   format: str = "yaml", *, warnings_as_errors: bool = False) -> str:
    """Compiles workflow source text; returns YAML (or JSON) text.

    Raises CompileError with every diagnostic if the source does not compile.
    """
    return _run(source, filename, target, format, warnings_as_errors=warnings_as_errors, documents=False)["output"]


def compile_file(path: Union[str, "os.PathLike[str]"], target: str = "argo", format: str = "yaml", *,
                 warnings_as_errors: bool = False) -> str:
    """Compiles a workflow file; returns YAML (or JSON) text."""
    with open(path, "rb") as f:
        data = f.read()
    return _run(data.decode("utf-8", errors="surrogateescape"), os.fspath(path), target, format,
                warnings_as_errors=warnings_as_errors, load_imports=True, documents=False)["output"]


def compile_to_dicts(source: Union[str, bytes], filename: str = "<string>", target: str = "argo") -> List[Dict[str, Any]]:
    """Compiles workflow source text; returns the documents as Python dicts.

    With target="peak" each document is a Peak file's content, ``{"body": {...}}``,
    with ``{{ name }}`` placeholders as written and nothing escaped.
    """
    return _run(source, filename, target, "yaml")["documents"]


def peak_bodies(source: Union[str, bytes], filename: str = "<string>") -> List[Dict[str, Any]]:
    """Compiles workflow source text for Peak; returns one workflow body per
    workflow class, the dict the Peak SDK's ``create_workflow(body)`` takes."""
    return [d["body"] for d in _run(source, filename, "peak", "yaml")["documents"]]


def _class_source(cls: type) -> tuple:
    """The text that defines `cls`: its file, or its notebook cell, via linecache.

    Only text is read; nothing is executed.
    """
    filename = None
    for value in vars(cls).values():
        fn = getattr(value, "__func__", value)
        code = getattr(fn, "__code__", None)
        if code is not None:
            filename = code.co_filename
            break
    if filename is None:
        try:
            filename = inspect.getsourcefile(cls) or inspect.getfile(cls)
        except (TypeError, OSError):
            filename = None
    if filename is None:
        raise CompileError([Diagnostic("error", "E0004", f"cannot find the source of class {cls.__qualname__}",
                                       "<unknown>", 1, 1, 1, 1)])
    lines = linecache.getlines(filename)
    if not lines:
        raise CompileError([Diagnostic("error", "E0004", f"source of class {cls.__qualname__} is not available",
                                       filename, 1, 1, 1, 1)])
    return filename, "".join(lines)


def compile(workflow: Any, target: str = "argo", format: str = "yaml", *, as_dict: bool = False) -> Any:
    """Compiles a workflow class (or an instance of one) from its own source text.

    Works for classes defined in a file and in notebook cells. The class is
    found by name in the text that defines it; DSL names are taken as imported
    even if the import ran in another cell.
    """
    cls = workflow if isinstance(workflow, type) else type(workflow)
    filename, source = _class_source(cls)
    result = _run(source, filename, target, format, implicit_dsl=True, only_class=cls.__name__,
                  load_imports=os.path.isfile(filename))
    if as_dict:
        docs = result["documents"]
        if target == "peak":
            docs = [d["body"] for d in docs]
        return docs[0] if len(docs) == 1 else docs
    return result["output"]


# ---- flowc lint: existing Argo YAML through the validator (compiler/lint) ----

LINT_ENTRIES = ("workflow", "workflow_template", "cluster_workflow_template", "cron_workflow")


def _lint(files: Sequence[tuple], *, entry: Optional[str] = None, templates: Sequence[Any] = (),
          templates_complete: bool = False, defaults: Optional[str] = None, argo_lint: bool = True,
          submit: bool = False, warnings_as_errors: bool = False) -> Dict[str, Any]:
    if entry is not None and entry not in LINT_ENTRIES:
        raise ValueError(f"unknown entry {entry!r}; choose one of {', '.join(LINT_ENTRIES)}")
    extra = [t if isinstance(t, tuple) else (f"<templates {i + 1}>", t) for i, t in enumerate(templates)]
    result = _core.lint([(n, _bytes(t)) for n, t in files], entry or "", argo_lint, submit,
                        [(n, _bytes(t)) for n, t in extra], templates_complete, _bytes(defaults or ""),
                        warnings_as_errors)
    result["diagnostics"] = _diagnostics(result["diagnostics"])
    return result


def _bytes(t: Union[str, bytes]) -> bytes:
    # surrogateescape keeps invalid bytes visible to the core, which reports them (E0801).
    return t if isinstance(t, bytes) else t.encode("utf-8", errors="surrogateescape")


def lint(text: Union[str, bytes], filename: str = "<string>", *, entry: Optional[str] = None,
         templates: Sequence[Any] = (), templates_complete: bool = False, defaults: Optional[str] = None,
         argo_lint: bool = True, submit: bool = False, warnings_as_errors: bool = False) -> List[Diagnostic]:
    """Checks Argo YAML (one or more documents) as Argo's validator would.

    Returns every diagnostic (a list of Diagnostic: severity "error" or
    "warning", code, message, file, 1-based line/column at the YAML node,
    end_line/end_column, notes, rendered clang-style text). The text is valid
    when no diagnostic has severity "error"; it never raises for bad YAML
    (that is an E08xx diagnostic).

    entry: validate every document as this kind ("workflow",
      "workflow_template", "cluster_workflow_template", "cron_workflow"),
      whatever its ``kind:``; default: by kind.
    templates: YAML texts (or (filename, text) pairs) holding more
      WorkflowTemplates / ClusterWorkflowTemplates that templateRef and
      workflowTemplateRef may reach; those in `text` are in scope too.
    templates_complete: the given templates are all that exist, so a reference
      to another is an error (default: it may be in the cluster; not checked).
    defaults: YAML of the controller's workflow defaults (a Workflow); its
      spec.workflowMetadata labels/annotations may be used as
      {{workflow.labels.X}} / {{workflow.annotations.X}}.
    argo_lint / submit: Argo's Lint and Submit options (``argo lint`` sets
      Lint: workflow arguments may lack values).
    """
    return _lint([(filename, text)], entry=entry, templates=templates, templates_complete=templates_complete,
                 defaults=defaults, argo_lint=argo_lint, submit=submit,
                 warnings_as_errors=warnings_as_errors)["diagnostics"]


def lint_files(paths: Sequence[Union[str, "os.PathLike[str]"]], **options: Any) -> List[Diagnostic]:
    """lint() over files read together: templates in any of them are in scope
    for the others. Raises OSError if a file cannot be read."""
    files = []
    for p in paths:
        with open(p, "rb") as f:
            files.append((os.fspath(p), f.read()))
    return _lint(files, **options)["diagnostics"]
