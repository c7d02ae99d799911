"""Generated test: random combinations of import forms in a closure and its
scope functions. Running the assembled script must bind the same names to
the same objects as running the original function bodies would."""
from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap

import pytest

import flowc

# (statement, names it binds). Standard-library modules only, so both sides can run.
FORMS = [
    ("import json", ["json"]),
    ("import os.path", ["os"]),
    ("import os", ["os"]),
    ("import collections as col", ["col"]),
    ("import collections", ["collections"]),
    ("from os.path import join", ["join"]),
    ("from os.path import join as pjoin", ["pjoin"]),
    ("from os.path import basename, dirname", ["basename", "dirname"]),
    ("from collections import OrderedDict, deque as dq", ["OrderedDict", "dq"]),
    ("import string, textwrap", ["string", "textwrap"]),
    ("from itertools import chain", ["chain"]),
    ("import math as m", ["m"]),
]
NESTED = [
    ("if True:\n    import fractions", ["fractions"]),
    ("try:\n    import decimal\nexcept ImportError:\n    decimal = None", ["decimal"]),
    ("def _f():\n    import heapq\n    return heapq\nheapq_mod = _f()", ["heapq_mod"]),
]


def describe(names):
    """Code printing, for each name, what object it is bound to (module name or qualified name)."""
    lines = ["import json as _j", "_seen = {}"]
    for n in sorted(set(names)):
        lines.append(f"_o = {n}")
        lines.append("_seen[%r] = getattr(_o, '__name__', None) or repr(_o)" % n)
    lines.append("print(_j.dumps(_seen, sort_keys=True))")
    return "\n".join(lines)


def case(rng):
    scope_stmts = rng.sample(FORMS, rng.randint(0, 3))
    body_stmts = rng.sample(FORMS, rng.randint(1, 4)) + rng.sample(NESTED, rng.randint(0, 2))
    rng.shuffle(body_stmts)
    names = [n for _, ns in scope_stmts + body_stmts for n in ns]
    return scope_stmts, body_stmts, names


def workflow_source(scope_stmts, body_stmts, names):
    scope_body = "\n".join(s for s, _ in scope_stmts) + "\nreturn 1"
    body = "\n".join(s for s, _ in body_stmts) + "\nhelpers.touch()\n" + describe(names)
    return (
        "from flowc.dsl import *\n\n"
        "class Gen(Workflow):\n"
        "    entrypoint = 'go'\n\n"
        "    @scope(name='helpers')\n"
        "    def touch():\n" + textwrap.indent(scope_body, " " * 8) + "\n\n"
        "    @closure(image='python:3.11', scope='helpers')\n"
        "    def go(helpers):\n" + textwrap.indent(body, " " * 8) + "\n"
    )


def original_program(scope_stmts, body_stmts, names):
    """What the closure means: the scope function's imports run when it is
    called, then the body; names are those the two bind."""
    scope_imports = "\n".join(s for s, _ in scope_stmts)
    body = "\n".join(s for s, _ in body_stmts)
    return scope_imports + "\n" + body + "\n" + describe(names)


def run(src):
    r = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr + "\n" + src
    return json.loads(r.stdout.splitlines()[-1])


@pytest.mark.parametrize("seed", range(40))
def test_hoisted_imports_bind_the_same_objects(seed):
    rng = random.Random(seed)
    scope_stmts, body_stmts, names = case(rng)
    src = workflow_source(scope_stmts, body_stmts, names)
    [doc] = flowc.compile_to_dicts(src)
    [script] = [t["script"]["source"] for t in doc["spec"]["templates"] if t["name"] == "go"]
    # Top-level imports are hoisted: no unindented import after the header block.
    lines = script.splitlines()
    header = 0
    while header < len(lines) and (lines[header].startswith(("import ", "from ")) or lines[header] == ""):
        header += 1
    assert not any(l.startswith(("import ", "from ")) for l in lines[header:]), script
    assert len(set(l for l in lines[:header] if l)) == len([l for l in lines[:header] if l]), "duplicates"
    assert run(script) == run(original_program(scope_stmts, body_stmts, names))
