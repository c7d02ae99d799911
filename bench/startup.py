"""Start-up time of several `flowc` executables, run interleaved (docs/packaging.md).

    python3 bench/startup.py [--runs N] [--file F.py] LABEL=EXECUTABLE...

Each round runs every executable once, in turn, as `EXE compile --no-cache
FILE` with its output thrown away, so a load that comes and goes hits all of
them alike; prints the median wall time and the median CPU time (user +
system, of the process and its children: a launcher's interpreter counts)
per executable. Used to compare the wheel's executable with the development
build's and with the bundled-library variants.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_once(argv) -> tuple:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[0]} exited with {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--file", default=str(REPO / "examples" / "hello_world.py"))
    ap.add_argument("executables", nargs="+", metavar="LABEL=EXECUTABLE")
    args = ap.parse_args()
    exes = [e.split("=", 1) for e in args.executables]
    times = {label: [] for label, _ in exes}
    for i in range(args.warmup + args.runs):
        for label, exe in exes:
            t = run_once([exe, "compile", "--no-cache", args.file])
            if i >= args.warmup:
                times[label].append(t)
    print(f"{args.runs} interleaved runs of `compile --no-cache {os.path.basename(args.file)}`, "
          f"load average {os.getloadavg()[0]:.1f}")
    for label, ts in times.items():
        wall = statistics.median(t[0] for t in ts) * 1000
        cpu = statistics.median(t[1] for t in ts) * 1000
        print(f"  {label:28} wall {wall:7.2f} ms   cpu {cpu:7.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
