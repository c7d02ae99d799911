"""flowc: compile Python workflow classes to Argo Workflows or Peak YAML.

flowc reads the workflow's source text with tree-sitter and never runs it.

    >>> import flowc
    >>> print(flowc.compile_file("examples/hello_world.py"))

In a notebook, define the class in a cell and call ``flowc.compile(MyWorkflow)``
or ``MyWorkflow().to_yaml()``.
"""
from __future__ import annotations

import linecache
import os
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

from . import _core, _locate, _source

if TYPE_CHECKING:
    from .result import CompileResult, Documents, FlowcWarning
    from ._graph import graph, graph_file, graph_source
    from ._runner import RunError, RunResult, run


def __getattr__(name: str) -> Any:
    # CompileResult and FlowcWarning live in result.py, imported on first use
    # so that `import flowc` (and `import flowc.dsl`) stays as fast as before.
    if name in ("CompileResult", "Documents", "FlowcWarning"):
        from . import result
        return getattr(result, name)
    if name in ("run", "RunResult", "RunError"):  # flowc run (_runner.py), also on first use
        from . import _runner
        return getattr(_runner, name)
    if name in ("graph", "graph_file", "graph_source"):  # DAG pictures (_graph.py), also on first use
        from . import _graph
        return getattr(_graph, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__version__: str = _core.__version__

__all__ = [
    "CompileError",
    "CompileResult",
    "Diagnostic",
    "FlowcWarning",
    "compile",
    "compile_file",
    "compile_source",
    "compile_to_dicts",
    "import_yaml",
    "lint",
    "lint_files",
    "graph",
    "graph_file",
    "run",
    "RunResult",
    "RunError",
    "graph_source",
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

    def _render_traceback_(self) -> List[str]:
        """IPython shows this instead of a traceback: the diagnostics (which
        name the notebook cell), not frames of flowc's internals."""
        return ["CompileError: the workflow does not compile", *self.render().split("\n")]


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
         documents: bool = True, only_line: int = 0, validate: bool = True, rename: Any = None,
         argo_version: Optional[str] = None, python_version: Optional[str] = None) -> Dict[str, Any]:
    """Compiles; raises CompileError on errors; on success issues the warnings
    through ``warnings`` (see result.py)."""
    _check(target, format)
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="surrogateescape")
    # surrogateescape keeps invalid bytes visible to the core, which reports them.
    raw = source.encode("utf-8", errors="surrogateescape")
    # os.fsencode: a file name that is not UTF-8 (surrogate-escaped) reaches the core as its bytes.
    result = _core.compile(raw, os.fsencode(filename), target, format, implicit_dsl,
                           only_class.encode("utf-8", errors="surrogateescape"), warnings_as_errors,
                           load_imports, documents, only_line, validate,
                           _argo_version(filename if load_imports else None, argo_version),
                           python_version=_python_version(filename if load_imports else None, python_version))
    result["diagnostics"] = _diagnostics(result["diagnostics"])
    if rename is not None:  # a notebook: places named by cell (_notebook.py)
        result["diagnostics"] = rename(result["diagnostics"])
    if not result["ok"]:
        raise CompileError(result["diagnostics"])
    from .result import issue
    issue(result["diagnostics"])
    return result


# --- argo-version (issue 11)
def _argo_version(path: Optional[str], explicit: Optional[str]) -> str:
    """The Argo version for the core: `explicit`, else the [tool.flowc]
    argo-version of the project holding `path` (a file), else "" (the default)."""
    from . import _project
    try:
        return _project.argo_version_for(path, explicit)
    except _project.ProjectError as e:
        raise CompileError([Diagnostic("error", "E0054", str(e), path or "<string>", 1, 1, 1, 1,
                                       rendered=f"{e} [E0054]\n")]) from None
# --- end argo-version


def _python_version(path: Optional[str], explicit: Optional[str]) -> str:
    """The Python version for the core: `explicit`, else the project's
    (python-version under [tool.flowc], else requires-python), else "" (3.14)."""
    from . import _project
    try:
        return _project.python_version_for(path, explicit)
    except _project.ProjectError as e:
        raise CompileError([Diagnostic("error", "E0043", str(e), path or "<string>", 1, 1, 1, 1,
                                       rendered=f"{e} [E0043]\n")]) from None


def _text_result(result: Dict[str, Any]) -> "CompileResult":
    """The text of a compile with its diagnostics and documents. (Building the
    documents costs next to nothing beside the compile, and taking them from
    the same run keeps them the text's, even if an imported file changes.)"""
    from .result import CompileResult
    return CompileResult(result["output"], result["diagnostics"], result["documents"])


def compile_source(source: Union[str, bytes], filename: str = "<string>", target: str = "argo",
                   format: str = "yaml", *, warnings_as_errors: bool = False,
                   argo_version: Optional[str] = None, python_version: Optional[str] = None) -> "CompileResult":
    """Compiles workflow source text; returns YAML (or JSON) text.

    The text is a CompileResult: a str that also carries ``.diagnostics``,
    ``.warnings`` and ``.documents``. Warnings are issued through ``warnings``
    as FlowcWarning; ``warnings_as_errors=True`` makes them errors.
    Raises CompileError with every diagnostic if the source does not compile.
    ``argo_version="3.5"`` writes for that Argo version (default: 4.1).
    ``python_version="3.11"`` reads the source as Python 3.11 (default: 3.14):
    newer syntax is error E0041.

        >>> text = flowc.compile_source(open("flow.py").read(), "flow.py")
        >>> text.warnings            # the W... diagnostics, also issued through `warnings`
        []
    """
    return _text_result(_run(source, filename, target, format, warnings_as_errors=warnings_as_errors,
                             argo_version=argo_version, python_version=python_version))


def compile_file(path: Union[str, "os.PathLike[str]"], target: str = "argo", format: str = "yaml", *,
                 warnings_as_errors: bool = False, argo_version: Optional[str] = None,
                 python_version: Optional[str] = None) -> "CompileResult":
    """Compiles a workflow file; returns YAML (or JSON) text, a CompileResult
    (see compile_source). Without ``argo_version`` the file's project decides
    (``argo-version`` under ``[tool.flowc]`` in pyproject.toml), else 4.1.
    Without ``python_version`` too (``python-version`` under ``[tool.flowc]``,
    else the lowest version of ``[project] requires-python``), else 3.14.

        >>> print(flowc.compile_file("examples/hello_world.py", format="json"))
    """
    try:
        data = _source.read_path(path)
    except _source.SourceTooLarge as e:  # refused before it is all in memory
        name = os.fspath(path)
        raise CompileError([Diagnostic("error", "E0006", str(e), name, 1, 1, 1, 1,
                                       rendered=f"{_source.shown(name)}:1:1: error: {e} [E0006]\n")]) from None
    return _text_result(_run(data.decode("utf-8", errors="surrogateescape"), os.fspath(path), target, format,
                             warnings_as_errors=warnings_as_errors, load_imports=True, argo_version=argo_version,
                             python_version=python_version))


def compile_to_dicts(source: Union[str, bytes], filename: str = "<string>", target: str = "argo", *,
                     warnings_as_errors: bool = False, argo_version: Optional[str] = None,
                     python_version: Optional[str] = None) -> "Documents":
    """Compiles workflow source text; returns the documents as Python dicts:
    always a list, one dict per document (a Documents: a list that also
    carries ``.diagnostics`` and ``.warnings``).

    With target="peak" each document is a Peak file's content, ``{"body": {...}}``,
    with ``{{ name }}`` placeholders as written and nothing escaped.

        >>> [d["kind"] for d in flowc.compile_to_dicts(open("flow.py").read())]
        ['Workflow']
    """
    from .result import Documents
    result = _run(source, filename, target, "yaml", warnings_as_errors=warnings_as_errors, argo_version=argo_version,
                  python_version=python_version)
    return Documents(result["documents"], result["diagnostics"])


def peak_bodies(source: Union[str, bytes], filename: str = "<string>", *,
                warnings_as_errors: bool = False) -> "Documents":
    """Compiles workflow source text for Peak; returns one workflow body per
    workflow class, the dict the Peak SDK's ``create_workflow(body)`` takes.

        >>> for body in flowc.peak_bodies(open("flow.py").read()):
        ...     workflow_client.create_workflow(body)
    """
    from .result import Documents
    result = _run(source, filename, "peak", "yaml", warnings_as_errors=warnings_as_errors)
    return Documents([d["body"] for d in result["documents"]], result["diagnostics"])


def _class_source(cls: type) -> tuple:
    """(file, text, line): the text that defines `cls` (its file, or its
    notebook cell, via linecache) and a line of its definition (0: unknown).

    Only text is read; none of the class's code runs (see _locate).
    """
    qualname = _source.shown(_locate.class_qualname(cls))  # for messages: a name set at run time may hold anything
    filename, line = _locate.locate(cls)
    if filename is None:
        raise CompileError([Diagnostic("error", "E0004", f"cannot find the source of class {qualname}",
                                       "<unknown>", 1, 1, 1, 1)])
    if line == 0 and "." in qualname:  # no place known, and not a module-level class: never guess by name
        raise CompileError([Diagnostic("error", "E0201", f"class {qualname} is not defined at the top level of a "
                                       "file or notebook cell; flowc compiles module-level classes", filename,
                                       1, 1, 1, 1)])
    lines = linecache.getlines(filename)
    if not lines:
        raise CompileError([Diagnostic("error", "E0004", f"source of class {qualname} is not available",
                                       filename, 1, 1, 1, 1)])
    return filename, "".join(lines), line


def _class_input(cls: type) -> tuple:
    """(file, text, line, rename): what to compile for `cls`. A class from a
    notebook cell gets the notebook's earlier cells as its module, and
    `rename` to name cells in diagnostics (_notebook.py); else rename is None."""
    if "IPython" not in sys.modules:  # no notebook: nothing more to import
        return (*_class_source(cls), None)
    from . import _notebook
    filename, line = _locate.locate(cls)
    number = _notebook.cell_number(filename) if filename is not None else None
    if filename is None and "." not in _locate.class_qualname(cls) and \
            _locate.module_name(cls) == "__main__":
        found = _notebook.last_definition(_locate.class_name(cls))  # a class with no method: by name, in the cells
        if found is not None:
            filename, number, line = found
    if number is None:
        return (*_class_source(cls), None)
    module = _notebook.module_for(number)
    if module is None:
        return (*_class_source(cls), None)
    return (filename, module.source, line + module.last_cell_start() - 1,
            lambda diagnostics: module.rename(diagnostics, filename))


def compile(workflow: Any, target: str = "argo", format: str = "yaml", *, as_dict: bool = False,
            warnings_as_errors: bool = False, argo_version: Optional[str] = None) -> Any:
    """Compiles a workflow class (or an instance of one) from its own source text.

    Works for classes defined in a file and in notebook cells. The class is
    found by its place in the text that defines it (not by name: a namesake
    may be defined elsewhere in the file); DSL names are taken as imported
    even if the import ran in another cell. None of the class's code runs.

    Returns the text as a CompileResult (see compile_source), or with
    ``as_dict=True`` the class's document as one dict (with target="peak",
    the Peak workflow body). Warnings are issued through ``warnings``.

        >>> flowc.compile(DagDiamond)                 # YAML text
        >>> flowc.compile(DagDiamond, as_dict=True)   # one dict
    """
    # type() and issubclass(..., type) consult no metaclass or __class__.
    cls = workflow if issubclass(type(workflow), type) else type(workflow)
    filename, source, line, rename = _class_input(cls)
    result = _run(source, filename, target, format, implicit_dsl=True, only_class=_locate.class_name(cls),
                  load_imports=os.path.isfile(filename), only_line=line, warnings_as_errors=warnings_as_errors,
                  rename=rename, argo_version=argo_version)
    if as_dict:
        return _one_document(cls, result, target)
    return _text_result(result)


def _one_document(cls: type, result: Dict[str, Any], target: str) -> Dict[str, Any]:
    """A class's document: one dict, whatever the source holds besides (the
    shape never depends on a count)."""
    docs = result["documents"]
    if target == "peak":
        docs = [d["body"] for d in docs]
    if len(docs) != 1:
        raise CompileError(list(result["diagnostics"]) + [Diagnostic(
            "error", "E0004", f"class {_source.shown(_locate.class_qualname(cls))} gave {len(docs)} documents where one was expected "
            "(is the class defined more than once in its source?)", "<unknown>", 1, 1, 1, 1)])
    return docs[0]



# ---- flowc lint: existing Argo YAML through the validator (compiler/lint) ----

LINT_ENTRIES = ("workflow", "workflow_template", "cluster_workflow_template", "cron_workflow")


def _lint(files: Sequence[tuple], *, entry: Optional[str] = None, templates: Sequence[Any] = (),
          templates_complete: bool = False, defaults: Optional[str] = None, argo_lint: bool = True,
          submit: bool = False, warnings_as_errors: bool = False,
          argo_version: Optional[str] = None, printer: Any = None) -> Dict[str, Any]:
    if entry is not None and entry not in LINT_ENTRIES:
        raise ValueError(f"unknown entry {entry!r}; choose one of {', '.join(LINT_ENTRIES)}")
    version = _lint_argo_version([n for n, _ in files], argo_version)
    extra = [t if isinstance(t, tuple) else (f"<templates {i + 1}>", t) for i, t in enumerate(templates)]
    result = _core.lint([(n, _bytes(t)) for n, t in files], entry or "", argo_lint, submit,
                        [(n, _bytes(t)) for n, t in extra], templates_complete, _bytes(defaults or ""),
                        warnings_as_errors, version, printer=printer)  # printer: the CLI's --diagnostics-format
    result["diagnostics"] = _diagnostics(result["diagnostics"])
    return result


def _lint_argo_version(names: Sequence[str], explicit: Optional[str]) -> str:
    """The Argo version to lint for: `explicit`, else the [tool.flowc]
    argo-version of the linted files' project ("" = the default, 4.1). Files
    of projects that disagree are an error (ValueError): templates of one
    are in scope for the others, so they are linted for one version."""
    from . import _project
    if explicit is not None and explicit not in _project.ARGO_VERSIONS:
        raise ValueError(f"unknown Argo version {explicit!r} (flowc lints for {', '.join(_project.ARGO_VERSIONS)})")
    if explicit:
        return explicit
    versions = {}
    for n in names:
        versions.setdefault(_project.argo_version_for(os.fspath(n)) or _project.DEFAULT_ARGO_VERSION, n)
    if len(versions) > 1:
        shown = ", ".join(f"{v} for {n}" for v, n in sorted(versions.items()))
        raise _project.ProjectError(f"the files' projects set different Argo versions ({shown}); "
                                    "lint them separately or pass argo_version / --argo-version")
    return next(iter(versions), "")


def _bytes(t: Union[str, bytes]) -> bytes:
    # surrogateescape keeps invalid bytes visible to the core, which reports them (E0801).
    return t if isinstance(t, bytes) else t.encode("utf-8", errors="surrogateescape")


def lint(text: Union[str, bytes], filename: str = "<string>", *, entry: Optional[str] = None,
         templates: Sequence[Any] = (), templates_complete: bool = False, defaults: Optional[str] = None,
         argo_lint: bool = True, submit: bool = False, warnings_as_errors: bool = False,
         argo_version: Optional[str] = None) -> List[Diagnostic]:
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
      to another is Argo's "not found" (E0703). Without it such a reference is
      E0501: Argo refuses a template it cannot find in the cluster, and lint
      sees only the files given.
    defaults: YAML of the controller's workflow defaults (a Workflow); its
      spec.workflowMetadata labels/annotations may be used as
      {{workflow.labels.X}} / {{workflow.annotations.X}}.
    argo_lint / submit: Argo's Lint and Submit options (``argo lint`` sets
      Lint: workflow arguments may lack values).
    argo_version: the Argo version ("3.4" ... "4.1") whose fields and rules
      apply; default: [tool.flowc] argo-version in the pyproject.toml above
      `filename`, else 4.1. A bad project setting raises flowc ProjectError.

        >>> for d in flowc.lint(open("workflow.yaml").read(), "workflow.yaml"):
        ...     print(d)   # clang-style, at the YAML line and column
    """
    return _lint([(filename, text)], entry=entry, templates=templates, templates_complete=templates_complete,
                 defaults=defaults, argo_lint=argo_lint, submit=submit,
                 warnings_as_errors=warnings_as_errors, argo_version=argo_version)["diagnostics"]


def lint_files(paths: Sequence[Union[str, "os.PathLike[str]"]], **options: Any) -> List[Diagnostic]:
    """lint() over files read together: templates in any of them are in scope
    for the others. Raises OSError if a file cannot be read.

        >>> errors = [d for d in flowc.lint_files(["wf.yaml", "templates.yaml"]) if d.severity == "error"]
    """
    files = []
    for p in paths:
        with open(p, "rb") as f:
            files.append((os.fspath(p), f.read()))
    return _lint(files, **options)["diagnostics"]


from .importer import import_yaml  # noqa: E402  (flowc import; needs CompileError above)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext flowc``: the ``%%flowc`` cell magic and rich display of
    workflow classes (YAML and a DAG picture). See docs/notebooks.md.

        In [1]: %load_ext flowc
    """
    from . import _ipython  # IPython is imported only here, never by `import flowc`
    _ipython.load(ipython)
