"""The validation stage's share of a compile: the benchmark's DAG workflows
(bench/gen.py) compiled in-process with validation on and off, interleaved,
CPU time (process_time: a loaded machine inflates wall time), median of N
rounds. Usage: python3 bench/validate_cost.py [ROUNDS] [SIZES...]"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen  # noqa: E402
from flowc import _core  # noqa: E402


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    sizes = [int(x) for x in sys.argv[2:]] or [100, 1000, 10000]
    root = Path(tempfile.mkdtemp(prefix="flowc-validate-cost-"))
    names = gen.gen_dag(root, sizes, gen.DEFAULT_FEATURES)
    for n in sizes:
        path = root / f"n{n}" / "dsl" / f"{names[n]}.py"
        src = path.read_bytes()
        times = {True: [], False: []}
        for _ in range(rounds):
            for validate in (True, False):
                t = time.process_time()
                r = _core.compile(src, str(path), "argo", "yaml", False, "", False, True, False, validate=validate)
                times[validate].append(time.process_time() - t)
                assert r["ok"], r["diagnostics"][:2]
        on, off = statistics.median(times[True]), statistics.median(times[False])
        print(f"{n:>6} tasks: {on * 1000:7.1f} ms CPU with validation, {off * 1000:7.1f} ms without: "
              f"validation {(on - off) * 1000:6.1f} ms = {100 * (on - off) / on:4.1f}% of the compile")


if __name__ == "__main__":
    main()
