#!/usr/bin/env python3
"""flowc run's own cost per node (issue 21): the run's time beyond the nodes'
processes, on a DAG of trivial script nodes.

    python3 bench/run_engine.py            # 100 tasks, 5 repetitions: writes bench/results/run_engine.{json,md}
    python3 bench/run_engine.py --tiny     # 10 tasks, 1 repetition (what the tests run)

Method. A chain of N script tasks (each `depends` on the previous one, so
they run one at a time and nothing hides behind parallelism), each running
`sh` on a one-line script, is run with the installed `flowc run`; so is the
same chain of 1 task (start-up, compile of the YAML, report). The nodes'
processes alone are timed as the same `sh SCRIPT` run N times directly
(subprocess, no isolation). Per node:

    (wall(N) - wall(1) - (N - 1) * direct) / (N - 1)

i.e. what flowc run adds to each node: scheduling, the status and report,
the node's namespace, filesystem view, placement of the script and capture
of its output. The target is under 10 ms a node. Medians of --reps runs after
one warm-up.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def flowc_exe() -> str:
    exe = Path(sysconfig.get_path("scripts")) / "flowc"
    return str(exe if exe.is_file() else Path(sys.executable).parent / "flowc")


def chain(n: int) -> str:
    tasks = []
    for i in range(n):
        dep = f", depends: t{i - 1}" if i else ""
        tasks.append(f"      - {{name: t{i}, template: noop{dep}}}")
    return (
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-}\nspec:\n"
        "  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n" + "\n".join(tasks) + "\n"
        "  - name: noop\n    script: {image: alpine, command: [sh], source: 'true'}\n")


def wall(argv, **kw) -> float:
    t = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise SystemExit(f"{argv} failed ({p.returncode}): {p.stdout}{p.stderr}")
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=100)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--tiny", action="store_true")
    ap.add_argument("--out", default=str(HERE / "results"))
    a = ap.parse_args()
    if a.tiny:
        a.tasks, a.reps = 10, 1
    exe = flowc_exe()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big, one = tmp / "big.yaml", tmp / "one.yaml"
        big.write_text(chain(a.tasks))
        one.write_text(chain(1))
        script = tmp / "script"
        script.write_text("true")
        runs = {"big": [], "one": [], "direct": []}
        for rep in range(a.reps + 1):  # the first is a warm-up
            w_big = wall([exe, "run", str(big), "-q", "--report", str(tmp / "r.json")])
            w_one = wall([exe, "run", str(one), "-q"])
            t = time.perf_counter()
            for _ in range(a.tasks):
                subprocess.run(["sh", str(script)], check=True)
            w_direct = (time.perf_counter() - t) / a.tasks
            if rep:
                runs["big"].append(w_big)
                runs["one"].append(w_one)
                runs["direct"].append(w_direct)
        report = json.loads((tmp / "r.json").read_text())
        assert report["status"]["phase"] == "Succeeded"
        assert len(report["status"]["nodes"]) == a.tasks + 1
    med = {k: statistics.median(v) for k, v in runs.items()}
    per_node = (med["big"] - med["one"] - (a.tasks - 1) * med["direct"]) / (a.tasks - 1)
    result = {
        "tasks": a.tasks, "reps": a.reps,
        "wall_n_s": med["big"], "wall_1_s": med["one"], "direct_process_s": med["direct"],
        "flowc_cost_per_node_ms": per_node * 1000, "target_ms": 10.0,
        "met": per_node * 1000 < 10.0,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f} at the end",
    }
    print(json.dumps(result, indent=2))
    if not a.tiny:
        out = Path(a.out)
        (out / "run_engine.json").write_text(json.dumps(result, indent=2) + "\n")
        (out / "run_engine.md").write_text(
            f"# flowc run: cost per node\n\n{a.tasks}-task chain DAG of `sh` script nodes, median of {a.reps} runs "
            f"(bench/run_engine.py).\n\n| | |\n|---|---|\n"
            f"| wall, {a.tasks} tasks | {med['big']:.3f} s |\n| wall, 1 task | {med['one']:.3f} s |\n"
            f"| one `sh SCRIPT` run directly | {med['direct'] * 1000:.2f} ms |\n"
            f"| **flowc run's own cost per node** | **{per_node * 1000:.2f} ms** (target < 10 ms: "
            f"{'met' if result['met'] else 'missed'}) |\n\nMachine: {result['machine']}.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
