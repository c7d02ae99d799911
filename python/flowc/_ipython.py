"""The IPython extension (``%load_ext flowc``): the ``%%flowc`` cell magic
and rich display of workflow classes. Imported only by
flowc.load_ipython_extension, so `import flowc` never imports IPython.
"""
from __future__ import annotations

import argparse
import ast
import os
import shlex
import tempfile
import warnings
from typing import Any, List, Optional

from . import _run, _text_result
from . import _display, _notebook
from .dsl import ClusterWorkflowTemplate, CronWorkflow, Workflow, WorkflowEventBinding, WorkflowTemplate

_DSL_BASES = (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow, WorkflowEventBinding)
_FORMATS = ("yaml", "json", "svg", "dot", "mermaid")


def _class_bundle(cls: Any, include: Any = None, exclude: Any = None) -> Optional[dict]:
    """A workflow class displays its YAML and DAG; any other class, as before."""
    try:
        if not issubclass(cls, Workflow) or cls in _DSL_BASES:
            return None
    except TypeError:
        return None
    return _display.bundle(cls)


def _magic_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="%%flowc", add_help=False, exit_on_error=False)
    p.add_argument("--target", choices=("argo", "peak"), default="argo")
    p.add_argument("--format", choices=_FORMATS, default="yaml")
    p.add_argument("-o", "--output", metavar="FILE")
    return p


def _cell_classes(body: str) -> List[ast.ClassDef]:
    try:
        return [n for n in ast.parse(body).body if isinstance(n, ast.ClassDef)]
    except (SyntaxError, ValueError):
        return []  # the core reports the syntax error at its place


def flowc_magic(shell: Any, line: str, cell: str) -> None:
    """``%%flowc [--target argo|peak] [--format yaml|json|svg|dot|mermaid] [-o FILE]``:
    compiles the workflow classes of the cell (not run: the cell is only
    read) with the notebook's earlier cells as their module, and shows the
    result (or writes it to FILE)."""
    try:
        args = _magic_parser().parse_args(shlex.split(line))
    except (argparse.ArgumentError, SystemExit, ValueError) as e:
        raise ValueError(f"%%flowc: {e}; usage: %%flowc [--target argo|peak] "
                         "[--format yaml|json|svg|dot|mermaid] [-o FILE]") from None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = _compile_cell(shell, cell, args)
    for w in caught:  # shown at the cell, not at IPython's magic runner
        diagnostic = getattr(w.message, "diagnostic", None)
        where = (diagnostic.file, diagnostic.line) if diagnostic is not None else (w.filename, w.lineno)
        warnings.warn_explicit(w.message, w.category, *where)
    if not text:  # no workflow class: the core's W0001 warning said so; write no empty file
        print("%%flowc: no workflow class in this cell")
        return
    if args.output:
        _write_atomic(args.output, text)
        print(f"wrote {args.output}")
        return
    from IPython.display import HTML, SVG, display
    if args.format == "svg":
        display(SVG(text))
    elif args.format == "yaml":
        display(HTML(_display.highlight_yaml(text)))
    else:
        print(text, end="")


def _compile_cell(shell: Any, cell: str, args: argparse.Namespace) -> str:
    # The running cell's In[N]: `In` holds it already, in every IPython;
    # execution_count does not (IPython 9 counts the next cell while this one runs).
    history = shell.user_ns.get("In")
    number = len(history) - 1 if isinstance(history, list) and history else shell.execution_count
    name = f"<flowc cell {number}>"
    module = _notebook.module_for(number, cell) or _notebook.NotebookModule([(number, cell)])
    start = module.last_cell_start()
    rename = lambda diagnostics: module.rename(diagnostics, name)  # noqa: E731
    texts = []
    from . import _graph
    classes = _cell_classes(cell)
    if not classes:  # nothing to pick: the cell alone (the core says what is missing)
        module, start = _notebook.NotebookModule([(number, cell)]), 1
    for node in classes or [None]:
        only = dict(only_class=node.name, only_line=start + node.lineno - 1) if node else {}
        if args.format in ("svg", "dot", "mermaid"):
            texts.append(str(_graph._run(module.source, name, args.format, implicit_dsl=True, rename=rename, **only)))
        else:
            result = _run(module.source, name, args.target, args.format, implicit_dsl=True, rename=rename, **only)
            texts.append(str(_text_result(result)))
    texts = [t for t in texts if t]
    if args.format == "yaml":
        return "---\n".join(texts)
    return "\n".join(texts)


def load(shell: Any) -> None:
    shell.register_magic_function(lambda line, cell: flowc_magic(shell, line, cell), "cell", "flowc")
    formatter = shell.display_formatter.mimebundle_formatter
    formatter.for_type(type, _class_bundle)


def _write_atomic(path: str, text: str) -> None:
    """`%%flowc -o FILE`: writes `text` to `path` via a temporary file and a rename, so a reader
    never sees half a file and an error never leaves one behind."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".flowc-", dir=directory)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain
        # open() would (or keep the mode of the file it replaces).
        try:
            mode = os.stat(path).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            os.fchmod(f.fileno(), mode)
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
