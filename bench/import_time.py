#!/usr/bin/env python3
"""Start-up cost of `import flowc` and `import flowc.dsl`, each in a fresh interpreter.

    python3 bench/import_time.py [-n 100] [--baseline DIR]

Prints min / p25 / median wall time of the import (time.perf_counter around
it, interpreter start excluded; --cpu: CPU time) over n runs. With --baseline DIR (a directory
holding another `flowc` package, e.g. an older tree's python files copied
beside the same _core extension, with .pyc compiled) the two are run
interleaved, alternating which goes first, so that machine load hits both
alike. Type stubs (.pyi) are never imported, so typing costs nothing here.

Keep .pyc files: PYTHONDONTWRITEBYTECODE makes every run compile the source,
which measures the compiler, not the import (run `python -m compileall` on
a baseline directory first).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from typing import Dict, List, Optional

MODULES = ("flowc", "flowc.dsl")


def once(module: str, path: Optional[str], clock: str) -> float:
    code = f"import time; t = time.{clock}(); import {module}; print((time.{clock}() - t) * 1e6)"
    env = dict(os.environ)
    if path:
        env["PYTHONPATH"] = path
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=100, help="runs per module and side (default 100)")
    p.add_argument("--baseline", metavar="DIR", help="a directory holding another flowc package to compare with")
    p.add_argument("--cpu", action="store_true",
                   help="CPU time of the process (time.process_time) instead of wall time: steadier on a busy machine")
    args = p.parse_args()
    clock = "process_time" if args.cpu else "perf_counter"
    sides: Dict[str, Optional[str]] = {"installed": None}
    if args.baseline:
        sides = {"baseline": os.path.abspath(args.baseline), "installed": None}
    for module in MODULES:
        times: Dict[str, List[float]] = {s: [] for s in sides}
        for s, path in sides.items():
            once(module, path, clock)  # warm the file cache
        for i in range(args.n):
            order = list(sides.items()) if i % 2 == 0 else list(reversed(sides.items()))
            for s, path in order:
                times[s].append(once(module, path, clock))
        for s, v in times.items():
            v.sort()
            print(f"import {module:10} {s:9} min {v[0]:7.0f} us   p25 {v[len(v) // 4]:7.0f} us   "
                  f"median {statistics.median(v):7.0f} us   (n={len(v)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
