"""The flowc command line: `flowc compile FILE... [--target argo|peak] [--format yaml|json] [--argo-version X.Y] [-o OUT]`.

With --target peak every workflow class is one Peak file (`peak workflows
create FILE` takes one workflow): `-o DIR/` writes DIR/<workflow name>.yaml
for each class; standard output and `-o FILE` take a single workflow.

Exit codes: 0 success, 1 compile errors, 2 usage or I/O errors.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import List, Optional

from . import FORMATS, LINT_ENTRIES, TARGETS, __version__, _core, _diagnostics, _lint, importer
from ._project import ARGO_VERSIONS, DEFAULT_ARGO_VERSION, ProjectError, argo_version_for
from ._source import SourceTooLarge, read_path, read_stream
from ._source import shown as _shown


def _write_atomic(path: str, text: str) -> None:
    """Writes `text` to `path` via a temporary file and a rename, so a reader
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


def _emit(stream, text: str) -> None:
    """Writes UTF-8 whatever the locale's encoding (documents and source lines
    may hold any character; a Latin-1 terminal must not turn them into a crash)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8", errors="surrogateescape"))
    buffer.flush()


# --- diagnostics formats (the core writes them: compiler/report/diagnostics_printer.h) ---
def _report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--diagnostics-format", choices=_core.DIAGNOSTICS_FORMATS, default="text",
                   help="how diagnostics are written: text (clang's style, the default), json (one object per "
                        "diagnostic), sarif (SARIF 2.1.0, for code scanning), github (GitHub Actions annotations); "
                        "to standard error, which keeps standard output for YAML")
    p.add_argument("--diagnostics-output", metavar="FILE",
                   help="write the diagnostics to FILE instead of standard error")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour text diagnostics (default: auto: when standard error is a terminal and NO_COLOR "
                        "is not set)")


def _open_printer(args: argparse.Namespace):
    """The core's DiagnosticsPrinter for this command's options, or None
    (after saying why) if --diagnostics-output cannot be written."""
    printer = _core.DiagnosticsPrinter(args.diagnostics_format, args.color,
                                       os.fsencode(args.diagnostics_output or ""), __version__)
    if not printer.open():
        _emit(sys.stderr, f"flowc: error: {printer.error}\n")
        return None
    return printer


def _finish(printer, code: int) -> int:
    """Writes json/sarif (one document for the run); a report that could
    not be written is an I/O error (exit 2)."""
    if not printer.finish():
        _emit(sys.stderr, f"flowc: error: {printer.error}\n")
        return 2
    return code


def _project_error(printer, args: argparse.Namespace, e: Exception) -> None:
    """E0054 (a bad [tool.flowc] in pyproject.toml): "FILE: error: message"."""
    text = str(e)
    if args.diagnostics_format == "text":
        _emit(sys.stderr, f"{text} [E0054]\n")
        return
    where, _, message = text.partition(": error: ")
    printer.add_file_error(os.fsencode(where), "E0054", message or text)
# --- end diagnostics formats ---


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="flowc", description="Compile Python workflow classes to Argo Workflows or Peak YAML.")
    p.add_argument("--version", action="version", version=f"flowc {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("compile", help="compile workflow files", description="Compile workflow files.")
    c.add_argument("files", nargs="+", metavar="FILE", help="Python workflow files ('-' for standard input)")
    c.add_argument("--target", choices=TARGETS, default="argo", help="what to emit: argo manifests, or peak workflow files (default: argo)")
    c.add_argument("--format", choices=FORMATS, default="yaml", help="output format (default: yaml)")
    c.add_argument("-o", "--output", metavar="OUT",
                   help="write here instead of standard output; a directory (existing, or ending in '/') "
                        "gets one file per input")
    c.add_argument("-W", "--warnings-as-errors", action="store_true", help="treat warnings as errors")
    # argo-version (issue 11)
    c.add_argument("--argo-version", choices=ARGO_VERSIONS, metavar="X.Y",
                   help="the Argo version to write for: " + ", ".join(ARGO_VERSIONS) + " (default: the argo-version "
                        "under [tool.flowc] in the file's pyproject.toml, else " + DEFAULT_ARGO_VERSION + ")")
    c.add_argument("--watch", action="store_true",
                   help="keep running: compile again each time an input (or a base class it imports) changes")
    _report_arguments(c)
    importer.add_parser(sub)  # flowc import (python/flowc/importer.py)
    _lint_parser(sub)
    _graph_parser(sub)
    _explain_parser(sub)
    return p


# --- flowc explain (the page is embedded in the core: compiler/report/diagnostics_doc.h) ---
def _explain_parser(sub) -> None:
    e = sub.add_parser("explain", help="show the documentation of a diagnostic code",
                       description="Print the section of docs/diagnostics.md for a diagnostic code (E0302, W0201): "
                                   "what it means and an example. Exit 0: shown; 2: unknown code.")
    e.add_argument("code", metavar="CODE", help="a diagnostic code, e.g. E0302")


def explain_command(args: argparse.Namespace) -> int:
    text = _core.explain(args.code)
    if text is None:
        _emit(sys.stderr, f"flowc: error: unknown diagnostic code '{_shown(args.code)}'; "
                          "the codes are listed in docs/diagnostics.md\n")
        return 2
    _emit(sys.stdout, text)
    return 0
# --- end flowc explain ---


# ---- flowc lint (docs/lint.md) ----

def _lint_parser(sub) -> None:
    lp = sub.add_parser("lint", help="check Argo YAML files as Argo's validator would",
                        description="Check Argo Workflows YAML (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, "
                                    "CronWorkflow; several documents per file) as Argo's validator would. "
                                    "Exit 0: valid; 1: invalid; 2: usage or I/O error.")
    lp.add_argument("files", nargs="+", metavar="FILE", help="YAML files ('-' for standard input)")
    lp.add_argument("--entry", choices=LINT_ENTRIES,
                    help="validate every document as this kind, whatever its 'kind:'")
    lp.add_argument("-t", "--templates", action="append", default=[], metavar="FILE",
                    help="more WorkflowTemplates/ClusterWorkflowTemplates in scope for templateRef (read, not checked)")
    lp.add_argument("--all-templates", action="store_true",
                    help="the given files hold every template that exists: a templateRef to another is an error")
    lp.add_argument("--defaults", metavar="FILE",
                    help="the controller's workflow defaults (a Workflow YAML): its workflowMetadata labels and "
                         "annotations may be used as {{workflow.labels.X}}")
    lp.add_argument("--submit", action="store_true",
                    help="check as for a submission (Argo's Submit option, not Lint): arguments need values")
    lp.add_argument("-W", "--warnings-as-errors", action="store_true", help="treat warnings as errors")
    _report_arguments(lp)
    lp.add_argument("--argo-version", choices=ARGO_VERSIONS, metavar="X.Y",
                    help="the Argo version whose fields and rules apply: " + ", ".join(ARGO_VERSIONS) +
                         " (default: the argo-version under [tool.flowc] in the files' pyproject.toml, else " +
                         DEFAULT_ARGO_VERSION + ")")


def lint_command(args: argparse.Namespace) -> int:
    try:
        files = [("<stdin>" if p == "-" else p, _read(p)) for p in args.files]
        templates = [(p, _read(p)) for p in args.templates]
        defaults = _read(args.defaults) if args.defaults else None
    except OSError as e:
        sys.stderr.write(f"flowc: error: cannot read {e.filename}: {e.strerror}\n")
        return 2
    printer = _open_printer(args)
    if printer is None:
        return 2
    try:
        result = _lint(files, entry=args.entry, templates=templates, templates_complete=args.all_templates,
                       defaults=defaults, argo_lint=not args.submit, submit=args.submit,
                       warnings_as_errors=args.warnings_as_errors, argo_version=args.argo_version, printer=printer)
    except ProjectError as e:  # a bad [tool.flowc] argo-version, or projects that disagree
        if args.diagnostics_format == "text":
            _emit(sys.stderr, f"flowc: error: {e} [E0054]\n")
        else:
            printer.add_file_error(b"pyproject.toml", "E0054", str(e))
        return _finish(printer, 2)
    return _finish(printer, 0 if result["ok"] else 1)


# --- flowc graph (the picture is drawn by the core: compiler/graph) ---
def _graph_parser(sub) -> None:
    g = sub.add_parser("graph", help="draw the DAG/steps graph of a workflow file",
                       description="Draw each workflow's DAG and steps templates: tasks, dependencies, "
                                   "conditions and loops.")
    g.add_argument("file", metavar="FILE", help="Python workflow file ('-' for standard input)")
    g.add_argument("--format", choices=tuple(_core.GRAPH_FORMATS), default="svg", help="picture format (default: svg)")
    g.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    _report_arguments(g)


def graph_command(args: argparse.Namespace) -> int:
    path = args.file
    try:
        source = _read(path)
    except OSError as e:
        sys.stderr.write(f"flowc: error: cannot read {_shown(path)}: {e.strerror}\n")
        return 2
    except SourceTooLarge as e:
        source = None
        too_large = str(e)
    printer = _open_printer(args)
    if printer is None:
        return 2
    if source is None:
        printer.add_file_error("<stdin>" if path == "-" else os.fsencode(path), "E0006", too_large)
        return _finish(printer, 1)
    result = _core.graph(source.encode("utf-8", errors="surrogateescape"),
                         "<stdin>" if path == "-" else os.fsencode(path), args.format, False, "", path != "-", 0,
                         printer=printer)
    if not printer.finish():
        _emit(sys.stderr, f"flowc: error: {printer.error}\n")
        return 2
    if not result["ok"]:
        return 1
    if not result["texts"]:
        return _nothing_to_write(args.output) if args.output else 1
    if args.output:
        _write_atomic(args.output, result["output"])
    else:
        _emit(sys.stdout, result["output"])
    return 0
# --- end flowc graph ---


def _read(path: str) -> str:
    """The input's text; SourceTooLarge past 64 MiB, found before reading it
    all (`flowc compile /dev/zero` must not fill the memory)."""
    data = read_stream(sys.stdin.buffer) if path == "-" else read_path(path)
    return data.decode("utf-8", errors="surrogateescape")


def compile_command(args: argparse.Namespace) -> int:
    if args.watch:
        return _watch(args)
    printer = _open_printer(args)
    if printer is None:
        return 2
    return _finish(printer, _compile(args, args.files, printer, set()))


def _compile(args: argparse.Namespace, paths: List[str], printer, read: set) -> int:
    """Compiles `paths` and writes their output as the options say; adds to
    `read` every file the compile read (inputs and imported base classes)."""
    outputs = []  # (input path, text)
    peak_files = []  # (workflow name, text): --target peak, one per workflow class
    failed = False
    for path in paths:
        try:
            source = _read(path)
        except OSError as e:
            sys.stderr.write(f"flowc: error: cannot read {_shown(path)}: {e.strerror}\n")
            return 2
        except SourceTooLarge as e:  # the core's E0006, reported without reading the input
            printer.add_file_error("<stdin>" if path == "-" else os.fsencode(path), "E0006", str(e))
            failed = True
            continue
        raw = source.encode("utf-8", errors="surrogateescape")
        try:  # argo-version (issue 11): --argo-version, else the file's project's
            argo_version = argo_version_for(path, args.argo_version)
        except ProjectError as e:
            _project_error(printer, args, e)
            failed = True
            continue
        result = _core.compile(raw, "<stdin>" if path == "-" else os.fsencode(path), args.target, args.format, False, "",
                               args.warnings_as_errors, path != "-", args.target == "peak", only_line=0,
                               argo_version=argo_version, printer=printer)
        read.add(path)
        read.update(result["imported"])
        if not result["ok"]:
            failed = True
            continue
        outputs.append((path, result["output"]))
        for doc, text in zip(result["documents"], result["texts"]):
            if args.target == "peak":
                peak_files.append((doc["body"]["name"], text))

    if args.target == "peak":
        return _write_peak(args, peak_files, failed)

    out = args.output
    if out and (out.endswith("/") or os.path.isdir(out)):
        if not failed and not any(t for _, t in outputs):
            return _nothing_to_write(out)
        os.makedirs(out, exist_ok=True)
        ext = ".json" if args.format == "json" else ".yaml"
        for path, text in outputs:
            if not text:  # no workflow class in this input (W0001): no file for it
                continue
            base = os.path.splitext(os.path.basename(path if path != "-" else "stdin"))[0]
            _write_atomic(os.path.join(out, base + ext), text)
    else:
        # One stream: documents of every file, YAML separated by '---'. An
        # output file is written only if every input compiled (never half of it).
        if out and failed:
            return 1
        if out and not any(t for _, t in outputs):
            return _nothing_to_write(out)
        if args.format == "json" and len(outputs) > 1:
            import json
            docs = []
            for _, text in outputs:
                v = json.loads(text)
                docs.extend(v if isinstance(v, list) else [v])
            text = json.dumps(docs, indent=2, ensure_ascii=False) + "\n"
        else:
            text = "---\n".join(t for _, t in outputs if t)
        if out:
            _write_atomic(out, text)
        else:
            _emit(sys.stdout, text)
    return 1 if failed else 0


# --- flowc compile --watch (the core's FileWatcher: inotify) ---
def _watch(args: argparse.Namespace) -> int:
    """Compiles the inputs, then again each time one of them, or a base class
    one imports, changes: only the inputs that changed, or all of them when
    an imported file changed (or the output is one file, which holds every
    input's documents). Diagnostics and a summary line per round go to
    standard error; runs until interrupted (Ctrl-C: exit code 130)."""
    if "-" in args.files:
        sys.stderr.write("flowc: error: --watch cannot watch standard input\n")
        return 2
    watcher = _core.FileWatcher()
    watched: set = set()
    inputs = {os.path.normpath(p): p for p in args.files}

    def compile_round(paths: List[str]) -> None:
        printer = _open_printer(args)
        if printer is None:
            return
        read: set = set()
        code = _finish(printer, _compile(args, paths, printer, read))
        for f in sorted(read | set(paths)):
            if f not in watched and watcher.add(os.fsencode(f)):
                watched.add(f)
        state = "ok" if code == 0 else "errors" if code == 1 else "failed"
        _emit(sys.stderr, f"flowc: compiled ({state}); watching for changes (Ctrl-C stops)\n")

    for p in args.files:
        if not watcher.add(os.fsencode(p)):
            _emit(sys.stderr, f"flowc: error: {watcher.error}\n")
            return 2
        watched.add(p)
    compile_round(list(args.files))
    one_output = args.output and not (args.output.endswith("/") or os.path.isdir(args.output))
    while True:
        changed = [os.path.normpath(c) for c in watcher.wait(-1)]
        again = [inputs[c] for c in changed if c in inputs]
        if one_output or len(again) < len(changed):  # an imported file changed: its importers are unknown here
            again = list(args.files)
        _emit(sys.stderr, f"flowc: {', '.join(_shown(c) for c in changed)} changed\n")
        compile_round(again)
# --- end flowc compile --watch ---


def _write_peak(args: argparse.Namespace, files: list, failed: bool) -> int:
    """Peak: one file per workflow class; a file or standard output takes one."""
    out = args.output
    if out and (out.endswith("/") or os.path.isdir(out)):
        if not failed and not files:
            return _nothing_to_write(out)
        os.makedirs(out, exist_ok=True)
        ext = ".json" if args.format == "json" else ".yaml"
        names = [n for n, _ in files]
        for name in sorted({n for n in names if names.count(n) > 1}):
            sys.stderr.write(f"flowc: error: two workflows are named {name!r}; Peak files are named by workflow\n")
            return 2
        for name in names:  # a name like "../x" would write outside DIR
            if name in ("", ".", "..") or "/" in name or "\0" in name or (os.altsep and os.altsep in name):
                sys.stderr.write(f"flowc: error: the workflow name {name!r} cannot name a file in {_shown(out)}; "
                                 "write that workflow alone with -o FILE\n")
                return 2
        for name, text in files:
            _write_atomic(os.path.join(out, name + ext), text)
        return 1 if failed else 0
    if len(files) > 1:
        sys.stderr.write(f"flowc: error: {len(files)} workflows compiled, but a Peak file holds one workflow; "
                         "write them to a directory with -o DIR/\n")
        return 2
    if out and failed:
        return 1
    if out and not files:
        return _nothing_to_write(out)
    text = files[0][1] if files else ""
    if out:
        _write_atomic(out, text)
    else:
        _emit(sys.stdout, text)
    return 1 if failed else 0


def _nothing_to_write(out: str) -> int:
    """No workflow document at all: an empty file would pass for a compiled
    workflow, and replacing the old one would lose it; neither is done."""
    sys.stderr.write(f"flowc: error: no workflow to write; {_shown(out)} is left as it was\n")
    return 1


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "import":
            return importer.import_command(args, _read, _emit, _write_atomic)
        if args.command == "lint":
            return lint_command(args)
        if args.command == "graph":
            return graph_command(args)
        if args.command == "explain":
            return explain_command(args)
        return compile_command(args)
    except OSError as e:
        sys.stderr.write(f"flowc: error: {e}\n")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
