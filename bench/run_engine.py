#!/usr/bin/env python3
"""flowc run's own cost per node (issue 21): the run's time beyond the nodes'
processes, on a DAG of trivial script nodes.

    python3 bench/run_engine.py            # 100 tasks, 5 repetitions: writes bench/results/run_engine.{json,md}
    python3 bench/run_engine.py --tiny     # 10 tasks, 1 repetition (what the tests run)
    python3 bench/run_engine.py --flowc OLD --flowc NEW   # two builds, interleaved, in one run

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

Also measured, because wall time on a shared machine is mostly waiting for
a core: the CPU time (user + system) of flowc and all its processes per
node, less the direct `sh` run's; the wall time of N *independent* tasks
(`parallelism` unset: they overlap up to the machine's limits); and the
peak resident memory of a run (the largest process of flowc's tree).
With several --flowc, the builds run in turn within each repetition, so
that they see the same load.
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


def chain(n: int, independent: bool = False) -> str:
    tasks = []
    for i in range(n):
        dep = f", depends: t{i - 1}" if i and not independent else ""
        tasks.append(f"      - {{name: t{i}, template: noop{dep}}}")
    return (
        "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: bench-}\nspec:\n"
        "  entrypoint: main\n  templates:\n  - name: main\n    dag:\n      tasks:\n" + "\n".join(tasks) + "\n"
        "  - name: noop\n    script: {image: alpine, command: [sh], source: 'true'}\n")


GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def measure(argv) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the process and every
    descendant it waited for, from wait4) and peak RSS in kB of one run: the
    largest process of its tree, as GNU time reports it (0 without it; the
    rusage Python gets would count Python's own size, inherited until exec)."""
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as rss:
        cmd = [GNU_TIME, "-f", "%M", "-o", rss.name, *argv] if GNU_TIME else argv
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, ru = os.wait4(p.pid, 0)
        w = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            out.seek(0)
            raise SystemExit(f"{argv} failed ({p.returncode}): {out.read().decode(errors='replace')}")
        peak = int(rss.read().strip() or 0) if GNU_TIME else 0
    return w, ru.ru_utime + ru.ru_stime, peak


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=100)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--tiny", action="store_true")
    ap.add_argument("--flowc", action="append", help="a flowc executable (repeatable; default: the installed one)")
    ap.add_argument("--out", default=str(HERE / "results"))
    a = ap.parse_args()
    if a.tiny:
        a.tasks, a.reps = 10, 1
    exes = a.flowc or [flowc_exe()]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big, one, par = tmp / "big.yaml", tmp / "one.yaml", tmp / "par.yaml"
        big.write_text(chain(a.tasks))
        one.write_text(chain(1))
        par.write_text(chain(a.tasks, independent=True))
        script = tmp / "script"
        script.write_text("true")
        runs = {exe: {k: [] for k in ("big", "one", "par", "big_cpu", "one_cpu", "big_rss", "par_rss")} for exe in exes}
        direct, direct_cpu = [], []
        for rep in range(a.reps + 1):  # the first is a warm-up
            for exe in exes:
                r = runs[exe]
                w_big, c_big, rss_big = measure([exe, "run", str(big), "-q", "--report", str(tmp / "r.json")])
                report = json.loads((tmp / "r.json").read_text())
                assert report["status"]["phase"] == "Succeeded"
                assert len(report["status"]["nodes"]) == a.tasks + 1
                w_one, c_one, _ = measure([exe, "run", str(one), "-q"])
                w_par, _, rss_par = measure([exe, "run", str(par), "-q"])
                if rep:
                    for k, v in (("big", w_big), ("one", w_one), ("par", w_par), ("big_cpu", c_big),
                                 ("one_cpu", c_one), ("big_rss", rss_big), ("par_rss", rss_par)):
                        r[k].append(v)
            t, c = time.perf_counter(), 0.0
            for _ in range(a.tasks):
                c += measure(["sh", str(script)])[1]
            if rep:
                direct.append((time.perf_counter() - t) / a.tasks)
                direct_cpu.append(c / a.tasks)
    d, dc = statistics.median(direct), statistics.median(direct_cpu)
    results = []
    for exe in exes:
        med = {k: statistics.median(v) for k, v in runs[exe].items()}
        per_node = (med["big"] - med["one"] - (a.tasks - 1) * d) / (a.tasks - 1)
        cpu_node = (med["big_cpu"] - med["one_cpu"] - (a.tasks - 1) * dc) / (a.tasks - 1)
        results.append({
            "flowc": exe, "tasks": a.tasks, "reps": a.reps,
            "wall_n_s": med["big"], "wall_1_s": med["one"], "wall_independent_n_s": med["par"],
            "direct_process_s": d, "direct_process_cpu_s": dc,
            "flowc_cost_per_node_ms": per_node * 1000, "flowc_cpu_per_node_ms": cpu_node * 1000,
            "peak_rss_chain_kb": med["big_rss"], "peak_rss_independent_kb": med["par_rss"],
            "target_ms": 10.0, "met": per_node * 1000 < 10.0,
        })
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f} at the end"
    for r in results:
        r["machine"] = machine
    print(json.dumps(results if len(results) > 1 else results[0], indent=2))
    if not a.tiny:
        out = Path(a.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "run_engine.json").write_text(json.dumps(results if len(results) > 1 else results[0], indent=2) + "\n")
        rows = ["| | " + " | ".join(Path(r["flowc"]).name if len(results) > 1 else "" for r in results) + " |",
                "|---|" + "---|" * len(results)]
        def row(label, f):
            rows.append(f"| {label} | " + " | ".join(f(r) for r in results) + " |")
        row(f"wall, {a.tasks}-task chain", lambda r: f"{r['wall_n_s']:.3f} s")
        row(f"wall, {a.tasks} independent tasks", lambda r: f"{r['wall_independent_n_s']:.3f} s")
        row("wall, 1 task", lambda r: f"{r['wall_1_s']:.3f} s")
        row("**flowc run's own cost per node (wall)**", lambda r: f"**{r['flowc_cost_per_node_ms']:.2f} ms** "
            f"({'met' if r['met'] else 'missed'})")
        row("flowc run's own CPU per node (user + sys)", lambda r: f"{r['flowc_cpu_per_node_ms']:.2f} ms")
        row("peak RSS, chain / independent", lambda r: f"{r['peak_rss_chain_kb'] / 1024:.1f} / "
            f"{r['peak_rss_independent_kb'] / 1024:.1f} MB")
        (out / "run_engine.md").write_text(
            f"# flowc run: cost per node\n\n{a.tasks}-task DAGs of `sh` script nodes (a chain, and the same tasks "
            f"independent), median of {a.reps} runs (bench/run_engine.py); one `sh SCRIPT` run directly: "
            f"{d * 1000:.2f} ms wall, {dc * 1000:.2f} ms CPU. Target: own cost < 10 ms a node.\n\n"
            + "\n".join(rows) + f"\n\nMachine: {machine}.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
