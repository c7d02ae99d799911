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
    try:
        result = _lint(files, entry=args.entry, templates=templates, templates_complete=args.all_templates,
                       defaults=defaults, argo_lint=not args.submit, submit=args.submit,
                       warnings_as_errors=args.warnings_as_errors, argo_version=args.argo_version)
    except ProjectError as e:  # a bad [tool.flowc] argo-version, or projects that disagree
        _emit(sys.stderr, f"flowc: error: {e} [E0054]\n")
        return 2
    for d in result["diagnostics"]:
        _emit(sys.stderr, str(d))
    return 0 if result["ok"] else 1


# --- flowc graph (the picture is drawn by the core: compiler/graph) ---
def _graph_parser(sub) -> None:
    g = sub.add_parser("graph", help="draw the DAG/steps graph of a workflow file",
                       description="Draw each workflow's DAG and steps templates: tasks, dependencies, "
                                   "conditions and loops.")
    g.add_argument("file", metavar="FILE", help="Python workflow file ('-' for standard input)")
    g.add_argument("--format", choices=tuple(_core.GRAPH_FORMATS), default="svg", help="picture format (default: svg)")
    g.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")


def graph_command(args: argparse.Namespace) -> int:
    path = args.file
    try:
        source = _read(path)
    except OSError as e:
        sys.stderr.write(f"flowc: error: cannot read {_shown(path)}: {e.strerror}\n")
        return 2
    except SourceTooLarge as e:
        _emit(sys.stderr, f"{'<stdin>' if path == '-' else _shown(path)}:1:1: error: {e} [E0006]\n")
        return 1
    result = _core.graph(source.encode("utf-8", errors="surrogateescape"),
                         "<stdin>" if path == "-" else os.fsencode(path), args.format, False, "", path != "-", 0)
    for d in _diagnostics(result["diagnostics"]):
        _emit(sys.stderr, str(d))
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
    outputs = []  # (input path, text)
    peak_files = []  # (workflow name, text): --target peak, one per workflow class
    failed = False
    for path in args.files:
        try:
            source = _read(path)
        except OSError as e:
            sys.stderr.write(f"flowc: error: cannot read {_shown(path)}: {e.strerror}\n")
            return 2
        except SourceTooLarge as e:  # the core's E0006, reported without reading the input
            _emit(sys.stderr, f"{'<stdin>' if path == '-' else _shown(path)}:1:1: error: {e} [E0006]\n")
            failed = True
            continue
        raw = source.encode("utf-8", errors="surrogateescape")
        try:  # argo-version (issue 11): --argo-version, else the file's project's
            argo_version = argo_version_for(path, args.argo_version)
        except ProjectError as e:
            _emit(sys.stderr, f"{e} [E0054]\n")
            failed = True
            continue
        result = _core.compile(raw, "<stdin>" if path == "-" else os.fsencode(path), args.target, args.format, False, "",
                               args.warnings_as_errors, path != "-", args.target == "peak", only_line=0,
                               argo_version=argo_version)
        for d in _diagnostics(result["diagnostics"]):
            _emit(sys.stderr, str(d))
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
