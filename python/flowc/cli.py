"""The flowc command line: `flowc compile FILE... [--target argo] [--format yaml|json] [-o OUT]`.

Exit codes: 0 success, 1 compile errors, 2 usage or I/O errors.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import List, Optional

from . import FORMATS, TARGETS, __version__, _core, _diagnostics


def _write_atomic(path: str, text: str) -> None:
    """Writes `text` to `path` via a temporary file and a rename, so a reader
    never sees half a file and an error never leaves one behind."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".flowc-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="flowc", description="Compile Python workflow classes to Argo Workflows YAML.")
    p.add_argument("--version", action="version", version=f"flowc {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("compile", help="compile workflow files", description="Compile workflow files.")
    c.add_argument("files", nargs="+", metavar="FILE", help="Python workflow files ('-' for standard input)")
    c.add_argument("--target", choices=TARGETS, default="argo", help="what to emit (default: argo)")
    c.add_argument("--format", choices=FORMATS, default="yaml", help="output format (default: yaml)")
    c.add_argument("-o", "--output", metavar="OUT",
                   help="write here instead of standard output; a directory (existing, or ending in '/') "
                        "gets one file per input")
    c.add_argument("-W", "--warnings-as-errors", action="store_true", help="treat warnings as errors")
    return p


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    return data.decode("utf-8", errors="surrogateescape")


def compile_command(args: argparse.Namespace) -> int:
    outputs = []  # (input path, text)
    failed = False
    for path in args.files:
        try:
            source = _read(path)
        except OSError as e:
            sys.stderr.write(f"flowc: error: cannot read {path}: {e.strerror}\n")
            return 2
        raw = source.encode("utf-8", errors="surrogateescape")
        result = _core.compile(raw, "<stdin>" if path == "-" else path, args.target, args.format, False, "",
                               args.warnings_as_errors)
        for d in _diagnostics(result["diagnostics"]):
            sys.stderr.write(str(d))
        if not result["ok"]:
            failed = True
            continue
        outputs.append((path, result["output"]))

    out = args.output
    if out and (out.endswith("/") or os.path.isdir(out)):
        os.makedirs(out, exist_ok=True)
        ext = ".json" if args.format == "json" else ".yaml"
        for path, text in outputs:
            base = os.path.splitext(os.path.basename(path if path != "-" else "stdin"))[0]
            _write_atomic(os.path.join(out, base + ext), text)
    else:
        # One stream: documents of every file, YAML separated by '---'. An
        # output file is written only if every input compiled (never half of it).
        if out and failed:
            return 1
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
            sys.stdout.write(text)
    return 1 if failed else 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return compile_command(args)
    except OSError as e:
        sys.stderr.write(f"flowc: error: {e}\n")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
