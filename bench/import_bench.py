#!/usr/bin/env python3
"""The `flowc import` row of the benchmark: time per MB of YAML imported.

    python3 bench/import_bench.py [--reps 5] [--out bench/results/import.json]

Two workloads, each in one process (the installed flowc, `pip install .`):
the 10,000-task DAG workflow (bench/gen.py's dag-10000, compiled to YAML by
flowc first), and every YAML file of Argo's examples (../shared/argo/examples)
imported one after another. Each import includes flowc's check of its own
output (the Python is compiled back and compared with the YAML). Reported:
the median wall time of --reps runs after one warm-up, and seconds per MB.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen  # noqa: E402

import flowc  # noqa: E402
from flowc import _core  # noqa: E402

SHARED = Path(os.environ.get("FLOWC_SHARED", HERE.parent.parent / "shared"))


def workloads() -> dict:
    spec = gen.make_spec(10000, 1, "Dag10000", gen.DEFAULT_FEATURES)
    dag_yaml = flowc.compile_source(gen.render_dsl(spec))
    examples = sorted(p for p in (SHARED / "argo" / "examples").rglob("*") if p.suffix in (".yaml", ".yml"))
    return {
        "dag-10000 (one file)": [dag_yaml.encode()],
        f"argo examples ({len(examples)} files)": [p.read_bytes() for p in examples],
    }


def run(texts: list) -> tuple:
    start = time.perf_counter()
    ok = sum(1 for t in texts if _core.import_yaml(t, "bench.yaml")["ok"])
    return time.perf_counter() - start, ok


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    rows = []
    for name, texts in workloads().items():
        run(texts)  # warm-up
        times, ok = [], 0
        for _ in range(args.reps):
            t, ok = run(texts)
            times.append(t)
        mb = sum(len(t) for t in texts) / 1e6
        wall = statistics.median(times)
        rows.append({"workload": name, "files": len(texts), "imported": ok, "mb": round(mb, 3),
                     "wall_s": round(wall, 4), "s_per_mb": round(wall / mb, 4)})
    print(f"{'workload':32} {'files':>5} {'ok':>5} {'MB':>7} {'wall':>8} {'s/MB':>7}")
    for r in rows:
        print(f"{r['workload']:32} {r['files']:>5} {r['imported']:>5} {r['mb']:>7.3f} {r['wall_s']:>7.3f}s {r['s_per_mb']:>7.3f}")
    if args.out:
        args.out.write_text(json.dumps({"load_at_start": os.getloadavg(), "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
