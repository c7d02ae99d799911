#!/usr/bin/env python3
"""flowc's Python syntax verdict against CPython's compile(), file by file, on
real code nobody wrote for flowc: a Python's whole standard library (and the
packages installed beside the running one).

    scripts/compare_cpython.py                       # this Python: stdlib + site-packages
    scripts/compare_cpython.py --python /root/.pyenv/versions/3.12.1/bin/python3
    scripts/compare_cpython.py --python ... -v       # list every disagreement

Each file's bytes go, unchanged, to CPython's compile(bytes, path, "exec",
dont_inherit=True) -- run by the Python named by --python, in a child process
when it is not this one -- and to flowc's syntax check (flowc._core.check_syntax,
the parse and CPython's rules only), told that Python's version. A verdict is
"refused" when compile() raises anything (SyntaxError, IndentationError,
TabError, ValueError for a NUL byte, a decoding error, RecursionError on
very deep nesting) and when flowc reports an error.

Compiling a standard library takes CPython a minute or more (compile() makes
bytecode too), so its verdicts are kept, by content hash and interpreter, in
build/cpython-verdicts/ (FLOWC_VERDICT_CACHE overrides; delete it to redo):
a rerun takes seconds. flowc's side is never cached.

The disagreements that are not flowc's to fix are listed in KNOWN with the
reason; every other disagreement is a bug. Exit status: 1 if any.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

REPO = Path(__file__).resolve().parent.parent

# (Python X.Y or "*", path relative to the corpus root) -> why flowc's verdict
# differs from compile()'s and stays so. Keep it short: each entry is checked
# to still disagree (a stale entry is an error too).
_DEDENT_IN_BRACKETS = (
    "tree-sitter-python 0.23.6's scanner ends the block at a line inside brackets that is indented less than "
    "the block (`(bar.` / `baz)` in test_weird_attribute_position_regressions); CPython ignores indentation "
    "inside brackets. A fix needs a patched scanner.c (cmake/TreeSitter.cmake), not a rule")
KNOWN: Dict[Tuple[str, str], str] = {
    ("3.11", "test/test_compile.py"): _DEDENT_IN_BRACKETS,
    ("3.12", "test/test_compile.py"): _DEDENT_IN_BRACKETS,
    ("3.13", "test/test_compile.py"): _DEDENT_IN_BRACKETS,
}

# The child's program: compile every file given on stdin (one path a line),
# print one JSON verdict a line. Runs under any Python 3.9+.
CHILD = r"""
import json, sys, warnings
warnings.simplefilter("ignore")
sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
for line in sys.stdin:
    path = line.rstrip("\n")
    try:
        with open(path, "rb") as f:
            data = f.read()
        compile(data, path, "exec", dont_inherit=True)
        verdict = None
    except BaseException as e:  # SyntaxError, ValueError, RecursionError, MemoryError...
        if isinstance(e, KeyboardInterrupt):
            raise
        msg = str(e).splitlines()[0] if str(e) else ""
        verdict = "%s: %s (line %s)" % (type(e).__name__, msg[:200], getattr(e, "lineno", None))
    sys.stdout.write(json.dumps([path, verdict]) + "\n")
    sys.stdout.flush()
"""


def interpreter_info(python: str) -> Tuple[str, str, List[str]]:
    """(version X.Y, full version tag, [stdlib dir, purelib dir]) of `python`."""
    code = ("import sys, sysconfig, json; p = sysconfig.get_paths(); "
            "print(json.dumps(['%d.%d' % sys.version_info[:2], sys.version, p['stdlib'], p['purelib']]))")
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout
    xy, full, stdlib, purelib = json.loads(out)
    return xy, full, [stdlib, purelib]


def python_files(root: str, stdlib: bool = False) -> List[str]:
    """Every .py under `root` (sorted); for a standard library, without the
    packages installed into it (site-packages, dist-packages)."""
    out = []
    for folder, dirs, files in os.walk(root):
        if stdlib:
            dirs[:] = [d for d in dirs if d not in ("site-packages", "dist-packages")]
        dirs.sort()
        out.extend(os.path.join(folder, f) for f in sorted(files) if f.endswith(".py"))
    return out


def cache_dir() -> Path:
    return Path(os.environ.get("FLOWC_VERDICT_CACHE", REPO / "build" / "cpython-verdicts"))


def cpython_verdicts(python: str, full_version: str, paths: List[str]) -> Dict[str, Optional[str]]:
    """compile()'s verdict per path (None: compiles), from the cache or the child."""
    key = hashlib.sha256((os.path.realpath(python) + "\0" + full_version).encode()).hexdigest()[:16]
    cache_file = cache_dir() / f"{key}.json"
    cache: Dict[str, Optional[str]] = {}
    if cache_file.exists():
        try:
            cache = json.loads(cache_file.read_text())
        except ValueError:
            cache = {}
    hashes = {}
    todo = []
    for p in paths:
        with open(p, "rb") as f:
            hashes[p] = hashlib.sha256(f.read()).hexdigest()
        if hashes[p] not in cache:
            todo.append(p)
    if todo:
        proc = subprocess.run([python, "-c", CHILD], input="\n".join(todo) + "\n", capture_output=True, text=True,
                              check=True)
        for line in proc.stdout.splitlines():
            path, verdict = json.loads(line)
            cache[hashes[path]] = verdict
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(cache, sort_keys=True))
        tmp.replace(cache_file)
    return {p: cache[hashes[p]] for p in paths}


def flowc_verdict(path: str, version: str) -> Optional[str]:
    """flowc's first error for the file read as Python `version` (None: accepted)."""
    from flowc import _core
    with open(path, "rb") as f:
        data = f.read()
    diags = [d for d in _core.check_syntax(data, path, version) if d["severity"] == "error"]
    if not diags:
        return None
    d = diags[0]
    return f"{d['code']} line {d['line']}: {d['message']}"


class Corpus:
    """One comparison: a corpus's files, both verdicts, the disagreements."""

    def __init__(self, name: str, root: str, version: str, files: List[str], cpython: Dict[str, Optional[str]]):
        self.name, self.root, self.version = name, root, version
        self.files = files
        self.false_refusals: List[Tuple[str, str, Optional[str]]] = []    # CPython accepts, flowc refuses
        self.false_acceptances: List[Tuple[str, Optional[str], str]] = []  # CPython refuses, flowc accepts
        self.known: List[Tuple[str, str]] = []
        self.refused = 0
        for p in files:
            ours = flowc_verdict(p, version)
            theirs = cpython[p]
            self.refused += theirs is not None
            if (ours is None) == (theirs is None):
                continue
            rel = os.path.relpath(p, root)
            reason = KNOWN.get((version, rel)) or KNOWN.get(("*", rel))
            if reason:
                self.known.append((rel, reason))
            elif ours is not None:
                self.false_refusals.append((rel, ours, theirs))
            else:
                self.false_acceptances.append((rel, theirs, ours or ""))

    def stale_known(self) -> List[str]:
        """KNOWN entries for this version and corpus root that agree now."""
        found = {rel for rel, _ in self.known}
        out = []
        for (v, rel), _ in KNOWN.items():
            if v in (self.version, "*") and rel not in found and os.path.exists(os.path.join(self.root, rel)):
                out.append(rel)
        return out

    def row(self) -> str:
        return (f"| {self.name} | {len(self.files)} | {self.refused} | {len(self.false_refusals)} | "
                f"{len(self.false_acceptances)} | {len(self.known)} |")

    def details(self) -> List[str]:
        out = []
        for rel, ours, theirs in self.false_refusals:
            out.append(f"  false refusal   {rel}: flowc {ours}")
        for rel, theirs, _ in self.false_acceptances:
            out.append(f"  false acceptance {rel}: CPython {theirs}")
        return out


def compare(python: str, site_packages: bool) -> List[Corpus]:
    """The corpora of `python`: its stdlib (without site-packages) and, if
    asked, its site-packages."""
    version, full, (stdlib, purelib) = interpreter_info(python)
    corpora = [("Python %s standard library" % version, stdlib, python_files(stdlib, stdlib=True))]
    if site_packages and os.path.isdir(purelib):
        corpora.append(("Python %s site-packages" % version, purelib, python_files(purelib)))
    out = []
    for name, root, files in corpora:
        verdicts = cpython_verdicts(python, full, files)
        out.append(Corpus(name, root, version, files, verdicts))
    return out


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=sys.executable, help="the CPython whose compile() judges (default: this one)")
    ap.add_argument("--site-packages", action=argparse.BooleanOptionalAction, default=None,
                    help="also its site-packages (default: only for this Python)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    same = os.path.realpath(args.python) == os.path.realpath(sys.executable)
    site = args.site_packages if args.site_packages is not None else same
    start = time.monotonic()
    corpora = compare(args.python, site)
    print("| corpus | files | CPython refuses | valid Python flowc refuses | invalid Python flowc accepts | known |")
    print("| --- | --- | --- | --- | --- | --- |")
    for c in corpora:
        print(c.row())
    bad = 0
    for c in corpora:
        lines = c.details()
        bad += len(lines)
        for stale in c.stale_known():
            lines.append(f"  stale KNOWN entry {stale}: the verdicts agree now")
            bad += 1
        if lines and (args.verbose or len(lines) <= 40):
            print(f"\n{c.name}:")
            print("\n".join(lines))
        elif lines:
            print(f"\n{c.name}: {len(lines)} disagreements (-v lists them)")
    print(f"\n{time.monotonic() - start:.1f} s", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
