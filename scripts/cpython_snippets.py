#!/usr/bin/env python3
"""flowc's Python syntax verdict against CPython's compile() on the small
snippets CPython's own tests feed its compiler: Lib/test/test_syntax.py,
test_grammar.py and test_exceptions.py of each interpreter (issue 20's gaps).
Whole files (scripts/compare_cpython.py) compile; the refusals live in these
snippets, so this is where a rule flowc misses shows.

    scripts/cpython_snippets.py                          # every pyenv 3.9+
    scripts/cpython_snippets.py --python /root/.pyenv/versions/3.12.1/bin/python3 -v

Each interpreter runs a child program (CHILD) that reads its own test files
with its own `ast`, takes each snippet -- every doctest example of their
docstrings (test_syntax.py's are its cases), and the literal source given to
compile / exec / eval and to the tests' helpers (_check_error,
check_syntax_error, ckmsg, ...: the first string argument, dedented where
the test dedents it) -- and compiles it with compile(src, "<s>", "exec",
dont_inherit=True). flowc reads the same text as that interpreter's version
(flowc._core.check_syntax). A verdict is "refused" for any exception
compile() raises and any error flowc reports.

A disagreement is a bug unless KNOWN lists it with the reason; a KNOWN entry
that agrees again is reported too (stale). Exit status 1 if any.
"""
from __future__ import annotations

import argparse
import glob
import json
import subprocess
import sys
from typing import Dict, List, Optional, Tuple

# The child: runs under the interpreter judged (3.9+), prints one JSON line
# per distinct snippet: [source, where, verdict or null].
CHILD = r'''
import ast, doctest, json, os, sys, textwrap, warnings
warnings.simplefilter("ignore")
HELPERS = {"compile", "exec", "eval", "_check_error", "_check_noerror", "check_syntax_error",
           "check_syntax_warning", "ckmsg", "check", "_check_in_scopes", "assertInvalid", "assertValid"}
test_dir = os.path.join(os.path.dirname(os.__file__), "test")
seen = set()

def text_of(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if (isinstance(node, ast.Call) and node.args and not node.keywords and
            getattr(node.func, "id", getattr(node.func, "attr", None)) == "dedent"):
        inner = text_of(node.args[0])
        return None if inner is None else textwrap.dedent(inner)
    return None

def snippets(path):
    with open(path, "rb") as f:
        tree = ast.parse(f.read())
    parser = doctest.DocTestParser()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc and ">>>" in doc:
                for ex in parser.get_examples(doc):
                    yield ex.source, "doctest line %d" % (ex.lineno + 1)
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in HELPERS:
                for arg in node.args[:2]:
                    src = text_of(arg)
                    if src is not None:
                        yield src, "%s() line %d" % (name, node.lineno)
                        break

def verdict(src):
    try:
        compile(src, "<s>", "exec", dont_inherit=True)
        return None
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        msg = str(e).splitlines()[0] if str(e) else ""
        return "%s: %s" % (type(e).__name__, msg[:160])

for name in ("test_syntax.py", "test_grammar.py", "test_exceptions.py"):
    path = os.path.join(test_dir, name)
    if not os.path.exists(path):
        continue
    for src, where in snippets(path):
        if src in seen or len(src) > 20000:
            continue
        seen.add(src)
        sys.stdout.write(json.dumps([src, name + " " + where, verdict(src)]) + "\n")
'''

# (Python X.Y or "*", snippet source) -> why flowc's verdict stays different.
KNOWN: Dict[Tuple[str, str], str] = {}


def interpreters() -> List[str]:
    """The pyenv interpreters of the versions flowc reads (3.9+), oldest first."""
    out = []
    for exe in glob.glob("/root/.pyenv/versions/3.*/bin/python3"):
        minor = int(exe.split("/versions/3.")[1].split(".")[0])
        if minor >= 9:
            out.append((minor, exe))
    return [exe for _, exe in sorted(out)]


def version_of(python: str) -> str:
    return subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"], check=True,
                          capture_output=True, text=True).stdout.strip()


def cpython_snippets(python: str) -> List[Tuple[str, str, Optional[str]]]:
    proc = subprocess.run([python, "-c", CHILD], capture_output=True, text=True, check=True, timeout=600)
    return [tuple(json.loads(line)) for line in proc.stdout.splitlines()]


def flowc_refuses(source: str, version: str) -> Optional[str]:
    from flowc import _core
    diags = [d for d in _core.check_syntax(source.encode("utf-8", "surrogatepass"), "w.py", version)
             if d["severity"] == "error"]
    return f"{diags[0]['code']} line {diags[0]['line']}: {diags[0]['message']}" if diags else None


class Comparison:
    """One interpreter's snippets and where flowc disagrees."""

    def __init__(self, python: str):
        self.version = version_of(python)
        self.snippets = cpython_snippets(python)
        self.refused = sum(1 for s in self.snippets if s[2] is not None)
        self.false_refusals: List[Tuple[str, str, str]] = []     # (source, where, flowc's error)
        self.false_acceptances: List[Tuple[str, str, str]] = []  # (source, where, CPython's error)
        self.known: List[str] = []
        for source, where, theirs in self.snippets:
            try:
                source.encode("utf-8")
            except UnicodeEncodeError:
                continue  # a lone surrogate: no file holds it
            ours = flowc_refuses(source, self.version)
            if (ours is None) == (theirs is None):
                continue
            if (self.version, source) in KNOWN or ("*", source) in KNOWN:
                self.known.append(source)
            elif ours is not None:
                self.false_refusals.append((source, where, ours))
            else:
                self.false_acceptances.append((source, where, theirs))

    def stale_known(self) -> List[str]:
        texts = {s[0] for s in self.snippets}
        return [src for (v, src) in KNOWN if v in (self.version, "*") and src in texts and src not in self.known]

    def row(self) -> str:
        return (f"| {self.version} | {len(self.snippets)} | {self.refused} | {len(self.false_refusals)} | "
                f"{len(self.false_acceptances)} | {len(self.known)} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", action="append", help="an interpreter (repeatable; default: every pyenv 3.9+)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    bad = 0
    print("| Python | snippets | CPython refuses | false refusals | false acceptances | known |")
    print("|---|---|---|---|---|---|")
    for python in args.python or interpreters():
        c = Comparison(python)
        print(c.row())
        bad += len(c.false_refusals) + len(c.false_acceptances) + len(c.stale_known())
        if args.verbose:
            for src, where, ours in c.false_refusals:
                print(f"  false refusal    {where}: {src!r} -- flowc {ours}")
            for src, where, theirs in c.false_acceptances:
                print(f"  false acceptance {where}: {src!r} -- CPython {theirs}")
            for src in c.stale_known():
                print(f"  stale KNOWN entry: {src!r}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
