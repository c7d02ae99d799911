#!/usr/bin/env python3
"""flowc's benchmark: flowc against argo-python-dsl, Hera and the floor
(bare tree-sitter parsing, and `cat`), side by side, in one run.

    python3 bench/run.py            # the full run: writes bench/results/
    python3 bench/run.py --tiny     # N=10, 3 corpus files, 1 repetition (what the tests run)

The full run creates the peers' virtual environments under bench/work/venvs/
(pinned by bench/requirements/*.txt, from PyPI) if they are missing, builds the
floor driver (bench/floor/ts_parse.cpp, CMake -DFLOWC_BUILD_BENCH=ON) under
bench/work/build/, generates the workloads under bench/work/workloads/ and
measures every tool on every workload: the median of --reps runs after one
warm-up, each run in fresh processes whose wall time, CPU time (user+sys) and
peak RSS come from os.wait4. flowc is the installed package (`pip install .`).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import gen  # noqa: E402
import lsp_bench  # noqa: E402  (lsp, issue 15: the language server's rows)

WORK = HERE / "work"
VENVS = WORK / "venvs"
PEERS = {"argo-dsl": "argo-dsl.txt", "hera": "hera.txt"}


# ------------------------------------------------------------------ measurement

@dataclass
class Sample:
    wall: float  # s, whole run (all its processes, one after another)
    cpu: float  # s, user+sys of the run's processes
    rss_mb: float  # MB, largest peak RSS of any of its processes
    internal: Dict[str, float] = field(default_factory=dict)  # in-process timings reported by drivers


class RunFailed(Exception):
    pass


LOAD_AT_START = " ".join(str(x) for x in os.getloadavg())
MEASURE: Optional[Path] = None  # bench/floor/measure.cpp, once built


def run_one(cmd: List[str], stdout_path: Path, timeout: float, capture: bool = True) -> tuple:
    """Runs one process; returns (wall, cpu, maxrss_kb, stdout). Raises RunFailed.
    Without capture its standard output goes to /dev/null (cat). Through the
    `measure` helper when it is built (see measure.cpp for why), else os.wait4."""
    err_path = stdout_path.with_suffix(".err")
    report = stdout_path.with_suffix(".rusage")
    full = [str(MEASURE), str(report), *cmd] if MEASURE else cmd
    with open(stdout_path if capture else os.devnull, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
        killer = threading.Timer(timeout, lambda: os.killpg(p.pid, 9))
        killer.start()
        try:
            _, status, ru = os.wait4(p.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if MEASURE and p.returncode == 0:
        wall_ns, user_us, sys_us, rss_kb, _ = report.read_text().split()
        return (int(wall_ns) / 1e9, (int(user_us) + int(sys_us)) / 1e6, int(rss_kb),
                stdout_path.read_text(errors="replace") if capture else "")
    if p.returncode != 0:
        tail = err_path.read_text(errors="replace").strip().splitlines()[-3:]
        why = "timed out after %gs" % timeout if p.returncode < 0 and wall >= timeout else "exit %d" % p.returncode
        raise RunFailed("%s: %s" % (why, " | ".join(tail)))
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, stdout_path.read_text(errors="replace") if capture else ""


def parse_internal(text: str) -> Dict[str, float]:
    out = {}
    for tok in text.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            if k.endswith("_ns"):
                try:
                    out[k[:-3] + "_s"] = int(v) / 1e9
                except ValueError:
                    pass
    return out


def measure_once(cmds: List[List[str]], outdir: Path, scratch: Path, timeout: float, capture: bool = True,
                 clear: bool = True) -> Sample:
    if clear:
        shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True, exist_ok=True)
    wall = cpu = 0.0
    rss = 0
    internal: Dict[str, float] = {}
    for cmd in cmds:
        w, c, r, text = run_one(cmd, scratch, timeout, capture)
        wall, cpu, rss = wall + w, cpu + c, max(rss, r)
        for k, v in parse_internal(text).items():
            internal[k] = internal.get(k, 0.0) + v
    return Sample(wall, cpu, rss / 1024.0, internal)


# ---------------------------------------------------------------------- tools

def flowc_cli() -> List[str]:
    # The console script itself (not a pyenv shim, which would add its own start-up).
    exe = Path(sysconfig.get_path("scripts")) / "flowc"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "flowc"]


_CLI_HELP: Optional[str] = None


def cli_has(option: str) -> bool:
    """Whether the installed `flowc compile` takes `option` (the native CLI of
    issue 13 does; the older Python one did not)."""
    global _CLI_HELP
    if _CLI_HELP is None:
        r = subprocess.run(flowc_cli() + ["compile", "--help"], capture_output=True, text=True)
        _CLI_HELP = r.stdout + r.stderr
    return option in _CLI_HELP


def cold_flags() -> List[str]:
    """--no-cache where the CLI has a cache: its rows measure compiling, not the cache."""
    return ["--no-cache"] if cli_has("--no-cache") else []


@dataclass
class Workload:
    name: str  # examples | dag-N | corpus
    dsl: List[Path]
    hera: Optional[Path]  # a file (single-file workloads) or a folder of Hera files
    n_tasks: Optional[int] = None


@dataclass
class Result:
    workload: str
    tool: str
    ok: bool
    reps: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    rss_mb: float = 0.0
    internal: Dict[str, float] = field(default_factory=dict)
    note: str = ""
    error: str = ""
    walls: List[float] = field(default_factory=list)


class Bench:
    def __init__(self, args):
        self.args = args
        self.results: List[Result] = []
        self.skipped: Dict[str, str] = {}  # tool -> why it did not run at all
        self.floor_exe: Optional[Path] = None
        self.wdir = args.work  # workloads and outputs; venvs and the build stay in bench/work
        self.wdir.mkdir(parents=True, exist_ok=True)
        self.out = self.wdir / "out"
        self.scratch = self.wdir / "scratch.out"

    def log(self, msg: str) -> None:
        if not self.args.quiet:
            print(msg, flush=True)

    # -------------------------------------------------------------- setup
    def venv_python(self, peer: str) -> Path:
        return VENVS / peer / "bin" / "python"

    def setup_peer(self, peer: str) -> bool:
        py = self.venv_python(peer)
        mode = self.args.peers
        if mode == "no":
            self.skipped[peer] = "not requested (--peers no)"
            return False
        if not py.exists() or not (VENVS / peer / ".bench-ok").exists():
            if mode == "auto":
                self.skipped[peer] = "its venv (bench/work/venvs/%s) is absent; --peers auto does not install" % peer
                return False
            self.log("setting up %s venv (pip, pinned: bench/requirements/%s)" % (peer, PEERS[peer]))
            try:
                if not py.exists():
                    subprocess.run([sys.executable, "-m", "venv", str(VENVS / peer)], check=True)
                subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                "-r", str(HERE / "requirements" / PEERS[peer])],
                               check=True, capture_output=True, text=True)
            except subprocess.CalledProcessError as e:
                self.skipped[peer] = "install failed: " + ((e.stderr or "") + (e.stdout or "")).strip()[-400:]
                return False
        probe = {"argo-dsl": "import argo.workflows.dsl",
                 "hera": "import hera.workflows, hera._cli.base"}[peer]
        r = subprocess.run([str(py), "-c", probe], capture_output=True, text=True)
        if r.returncode != 0:
            self.skipped[peer] = "import fails: " + r.stderr.strip().splitlines()[-1]
            return False
        (VENVS / peer / ".bench-ok").touch()
        return True

    def build_floor(self) -> None:
        """Builds ts_parse (the floor) and measure (the process meter) with CMake."""
        global MEASURE
        build = WORK / "build"
        exe = build / "bench" / "ts_parse"
        if self.args.floor == "no":
            self.skipped["tree-sitter parse"] = "not requested (--floor no)"
            if (build / "bench" / "measure").exists():
                MEASURE = build / "bench" / "measure"
            else:
                self.skipped["measure"] = ("not built: peak RSS is os.wait4's, which counts the harness's own "
                                           "~20 MB at fork time into small tools (cat)")
            return
        try:
            if not (build / "build.ninja").exists() and not (build / "Makefile").exists():
                gen_args = ["-G", "Ninja"] if shutil.which("ninja") else []
                subprocess.run(["cmake", "-S", str(REPO), "-B", str(build), *gen_args, "-DCMAKE_BUILD_TYPE=Release",
                                "-DFLOWC_BUILD_BENCH=ON", "-DFLOWC_BUILD_TESTS=OFF"],
                               check=True, capture_output=True, text=True)
            subprocess.run(["cmake", "--build", str(build), "--target", "ts_parse", "measure"],
                           check=True, capture_output=True, text=True)
            self.floor_exe = exe
            MEASURE = build / "bench" / "measure"
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            detail = getattr(e, "stderr", "") or getattr(e, "stdout", "") or str(e)
            self.skipped["tree-sitter parse"] = "build failed: " + detail.strip()[-400:]

    # ---------------------------------------------------------- workloads
    def features(self) -> List[str]:
        """The synthetic mix: every feature flowc and (if present) argo-python-dsl accept."""
        feats = list(gen.DEFAULT_FEATURES)
        if self.args.with_when:
            feats.append("when")
        probe_dir = self.wdir / "probe"
        shutil.rmtree(probe_dir, ignore_errors=True)
        dropped = {}
        for feat in list(feats):
            if feat in ("containers", "parameters"):
                continue
            only = [f for f in feats if f in ("containers", "parameters", feat)]
            spec = gen.make_spec(40, seed=1, class_name="Probe", features=only)
            path = probe_dir / feat / "probe.py"
            gen.write(path, gen.render_dsl(spec))
            r = subprocess.run(flowc_cli() + ["compile", str(path)], capture_output=True, text=True)
            if r.returncode != 0:
                dropped[feat] = "flowc: " + r.stderr.strip().splitlines()[0] if r.stderr.strip() else "flowc failed"
                feats.remove(feat)
        self.dropped_features = dropped
        return feats

    def workloads(self) -> List[Workload]:
        a = self.args
        root = self.wdir / "workloads"
        feats = self.features()
        self.feature_list = feats
        self.log("generating workloads (features: %s)" % ", ".join(feats))
        out: List[Workload] = []
        ex = root / "examples"
        gen.gen_examples(ex)
        out.append(Workload("examples", sorted((ex / "dsl").glob("*.py")), ex / "hera"))
        names = gen.gen_dag(root / "dag", a.sizes, feats)
        for n in a.sizes:
            d = root / "dag" / f"n{n}"
            out.append(Workload(f"dag-{n}", [d / "dsl" / f"{names[n]}.py"], d / "hera" / f"{names[n]}.py", n))
        c = root / "corpus"
        gen.gen_corpus(c, a.corpus, feats)
        out.append(Workload("corpus", sorted((c / "dsl").glob("*.py")), c / "hera"))
        return out

    # -------------------------------------------------------------- cells
    def cells(self, w: Workload, have: Dict[str, bool]):
        """(tool, commands, note) for each tool on workload w."""
        files = [str(p) for p in w.dsl]
        o = lambda tool: self.out / tool / w.name  # noqa: E731
        cli = flowc_cli()
        multi = len(files) > 1
        cold = cold_flags()  # the cache off: these rows measure compiling
        yield "flowc CLI", [cli + ["compile", *files, "-o", str(o("flowc-cli")) + "/", *cold]], \
            "one process for all files" if multi else ""
        yield from self.cells_workers_and_cache(w, cli, o)
        if multi:
            sample = files
            note = "one process per file"
            if len(files) > self.args.per_file_sample:
                step = len(files) / self.args.per_file_sample
                sample = [files[int(i * step)] for i in range(self.args.per_file_sample)]
                note = "one process per file, measured on %d of the %d files and scaled by %d/%d" % (
                    len(sample), len(files), len(files), len(sample))
            yield "flowc CLI per file", [cli + ["compile", f, "-o", str(o("flowc-cli-1")) + "/", *cold] for f in sample], note
        yield "flowc API", [[sys.executable, str(HERE / "drivers" / "flowc_api_driver.py"), str(o("flowc-api")), *files]], \
            "one Python process: start, import flowc, compile_file() each"
        if have.get("argo-dsl"):
            yield "argo-python-dsl", [[str(self.venv_python("argo-dsl")), str(HERE / "drivers" / "argo_dsl_driver.py"),
                                       str(o("argo-dsl")), *files]], "one process: import each file, to_yaml()"
        if have.get("hera"):
            hera = VENVS / "hera" / "bin" / "hera"
            to = str(o("hera")) + ("/" if w.hera.is_dir() else "/out.yaml")
            yield "Hera", [[str(hera), "generate", "yaml", str(w.hera), "--to", to]], \
                "hera generate yaml on the folder" if w.hera.is_dir() else "hera generate yaml"
        if self.floor_exe:
            yield "tree-sitter parse", [[str(self.floor_exe), *files]], "C++ driver, same runtime + grammar"
        yield "cat", [["cat", *files]], ""

    def expected_outputs(self, tool: str, w: Workload, cmds) -> Optional[int]:
        if tool in ("tree-sitter parse", "cat"):
            return None
        if tool == "flowc CLI per file":
            return len(cmds)
        if tool == "Hera" and not w.hera.is_dir():
            return 1
        return len(w.dsl)

    def measure(self, w: Workload, tool: str, cmds, note: str) -> Result:
        a = self.args
        outdir = self.tool_dir(tool, w)
        capture = tool != "cat"
        res = Result(w.name, tool, ok=False, note=note)
        scale = 1.0
        if tool == "flowc CLI per file" and len(cmds) < len(w.dsl):
            scale = len(w.dsl) / len(cmds)
        # Outputs go to the tool's own -o/--to directory; count them after the warm-up.
        # The warm-cache row re-runs over the outputs of the run before, as a
        # user re-running `flowc compile` does: flowc's stat index finds them
        # up to date (compiler/cli/up_to_date.h) only if they are still there.
        keep = tool == "flowc CLI warm cache"
        try:
            samples: List[Sample] = []
            first = measure_once(cmds, outdir, self.scratch, a.timeout, capture)
            if keep:
                # Files younger than 2 s are checked by content, not by their
                # stamps (git's racy rule, compiler/batch/file_stamp.h): let
                # the filled outputs age, then one run records their stamps.
                time.sleep(2.5)
                measure_once(cmds, outdir, self.scratch, a.timeout, capture, clear=False)
            want = self.expected_outputs(tool, w, cmds)
            if want is not None:
                got = self.count_outputs(tool, w)
                if got < want:
                    raise RunFailed("wrote %d of %d expected outputs" % (got, want))
            reps = a.reps
            slow = first.wall * a.reps > a.cell_budget
            if slow:  # fewer runs of a slow cell, to keep the whole run in its budget
                reps = max(1, min(a.reps, int(a.cell_budget / max(first.wall, 1e-9))))
            if not a.warmup or first.wall > a.cell_budget:
                samples.append(first)  # no warm-up asked, or too slow to spend a run on one
                reps -= 1
            for _ in range(reps):
                samples.append(measure_once(cmds, outdir, self.scratch, a.timeout, capture, clear=not keep))
            if slow:
                res.note = (res.note + "; " if res.note else "") + "slow (%.1f s a run): %d run(s)%s" % (
                    first.wall, len(samples), "" if samples[0] is not first else ", no warm-up")
        except RunFailed as e:
            res.error = str(e)
            return res
        res.ok = True
        res.reps = len(samples)
        res.walls = [s.wall * scale for s in samples]
        res.wall = statistics.median(s.wall for s in samples) * scale
        res.cpu = statistics.median(s.cpu for s in samples) * scale
        res.rss_mb = max(s.rss_mb for s in samples)
        keys = set().union(*(s.internal for s in samples))
        res.internal = {k: statistics.median(s.internal.get(k, 0.0) for s in samples) * scale for k in keys}
        return res

    TOOL_DIRS = {"flowc CLI": "flowc-cli", "flowc CLI per file": "flowc-cli-1", "flowc API": "flowc-api",
                 "argo-python-dsl": "argo-dsl", "Hera": "hera", "flowc CLI -j1": "flowc-cli-j1",
                 "flowc CLI -j2": "flowc-cli-j2", "flowc CLI warm cache": "flowc-cli-warm"}

    # ------------------------------------------- issue 13: workers and cache
    def cells_workers_and_cache(self, w: Workload, cli: List[str], o):
        """The corpus with 1 and 2 workers (cache off), and again with a warm
        cache: rows of issue 13, when the installed flowc has -j and a cache."""
        if w.name != "corpus" or not cli_has("--jobs") or not cli_has("--cache-dir"):
            return
        files = [str(p) for p in w.dsl]
        for j in (1, 2):
            yield "flowc CLI -j%d" % j, [cli + ["compile", *files, "-o", str(o("flowc-cli-j%d" % j)) + "/",
                                                "--no-cache", "-j", str(j)]], \
                "one process, %d worker%s, no cache" % (j, "" if j == 1 else "s")
        yield "flowc CLI warm cache", [cli + ["compile", *files, "-o", str(o("flowc-cli-warm")) + "/",
                                              "--cache-dir", str(self.wdir / "cache")]], \
            "one process, every file in the cache (filled by a run before the measured ones)"

    def prepare_cell(self, tool: str, cmds) -> None:
        """The warm-cache row starts from a cache one run has filled."""
        if tool != "flowc CLI warm cache":
            return
        shutil.rmtree(self.wdir / "cache", ignore_errors=True)
        for cmd in cmds:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def tool_dir(self, tool: str, w: Workload) -> Path:
        return self.out / self.TOOL_DIRS.get(tool, "_none") / w.name

    def count_outputs(self, tool: str, w: Workload) -> int:
        p = self.tool_dir(tool, w)
        return sum(1 for f in p.rglob("*.yaml") if f.stat().st_size > 0) if p.exists() else 0

    # --------------------------------------------------------------- main
    def run(self) -> dict:
        a = self.args
        have = {p: self.setup_peer(p) for p in PEERS}
        self.build_floor()
        loads = self.workloads()
        for w in loads:
            for tool, cmds, note in self.cells(w, have):
                t0 = time.perf_counter()
                self.prepare_cell(tool, cmds)
                r = self.measure(w, tool, cmds, note)
                self.results.append(r)
                if r.ok:
                    self.log("%-9s %-20s wall %8.3fs  cpu %8.3fs  rss %7.1f MB  (%d runs, %.0fs)" % (
                        w.name, tool, r.wall, r.cpu, r.rss_mb, r.reps, time.perf_counter() - t0))
                else:
                    self.log("%-9s %-20s FAILED: %s" % (w.name, tool, r.error))
        return {
            "args": {k: v for k, v in vars(a).items() if k not in ("out", "work")},
            "features": self.feature_list,
            "dropped_features": self.dropped_features,
            "skipped": self.skipped,
            "workloads": {w.name: {"files": len(w.dsl), "bytes": sum(p.stat().st_size for p in w.dsl),
                                   "tasks": w.n_tasks} for w in loads},
            "results": [asdict(r) for r in self.results],
            "machine": machine(have),
        }


# ------------------------------------------------------- import row (issue 12)
# `flowc import` (YAML -> Python) against Hera's `hera generate python`, kept
# in functions of its own: the 10,000-task workflow's YAML (flowc's own output
# of the largest DAG workload), and every file of Argo's examples in one
# process, each as seconds per MB of YAML. Hera's CLI stops at the first file
# it cannot convert (a ConfigMap, a WorkflowEventBinding), so on the examples
# it is measured two ways: in one process through its own generate-python
# functions over every file (counting what it converts), and as the command on
# the subset it converts, beside flowc's command on the same subset.

SHARED = Path(os.environ.get("FLOWC_SHARED", REPO.parent / "shared"))
IMPORT_DRIVER = HERE / "drivers" / "import_driver.py"


def import_workloads(a, wdir: Path) -> List[tuple]:
    """(name, root, [yaml files]) of the import row."""
    root = wdir / "workloads" / "import"
    n = max(a.sizes)
    dag_dir = root / ("dag-%d" % n)
    dag_yaml = dag_dir / ("dag-%d.yaml" % n)
    if not dag_yaml.exists():
        spec = gen.make_spec(n, 1, "Dag%d" % n, gen.DEFAULT_FEATURES)
        src = dag_dir / ("dag_%d.py" % n)
        gen.write(src, gen.render_dsl(spec))
        subprocess.run(flowc_cli() + ["compile", str(src), "-o", str(dag_yaml)], check=True, capture_output=True)
    ex_root = SHARED / "argo" / "examples"
    examples = sorted(p for p in ex_root.rglob("*") if p.suffix in (".yaml", ".yml"))
    return [("dag-%d YAML" % n, dag_dir, [dag_yaml]), ("argo examples", ex_root, examples)]


def import_cells(name: str, root: Path, files: List[Path], out: Path, hera: bool):
    """(tool, commands, output folder) for one import workload."""
    cli = flowc_cli()
    paths = [str(f) for f in files]
    folder = len(files) > 1
    yield "flowc import (CLI)", [cli + ["import", str(root) if folder else paths[0], "-o", str(out / "flowc-cli") + "/"]], \
        out / "flowc-cli"
    yield "flowc import_yaml (API)", [[sys.executable, str(IMPORT_DRIVER), "flowc", str(root), str(out / "flowc-api"),
                                       *paths]], out / "flowc-api"
    if hera:
        yield "Hera (API, every file)", [[str(VENVS / "hera" / "bin" / "python"), str(IMPORT_DRIVER), "hera", str(root),
                                          str(out / "hera-api"), *paths]], out / "hera-api"
        if not folder:
            yield "hera generate python", [[str(VENVS / "hera" / "bin" / "hera"), "generate", "python", paths[0], "--to",
                                            str(out / "hera-cli" / (files[0].stem + ".py"))]], out / "hera-cli"


def measure_import_cell(a, cmds, outdir: Path, scratch: Path) -> dict:
    """Median of a.reps runs after a warm-up (fewer runs past a.cell_budget), as Bench.measure does."""
    try:
        first = measure_once(cmds, outdir, scratch, a.timeout)
        written = sum(1 for _ in outdir.rglob("*.py"))
        reps = a.reps if first.wall * a.reps <= a.cell_budget else max(1, int(a.cell_budget / max(first.wall, 1e-9)))
        samples = [first] if not a.warmup or first.wall > a.cell_budget else []
        while len(samples) < reps:
            samples.append(measure_once(cmds, outdir, scratch, a.timeout))
    except RunFailed as e:
        return {"ok": False, "error": str(e)}
    return {"ok": True, "reps": len(samples), "written": written,
            "wall": statistics.median(x.wall for x in samples), "cpu": statistics.median(x.cpu for x in samples),
            "rss_mb": max(x.rss_mb for x in samples),
            "import_s": statistics.median(x.internal.get("import_s", 0.0) for x in samples)}


def run_import(a, wdir: Path, have_hera: bool, log) -> dict:
    """The import row: every cell of every import workload, then the Hera subset."""
    rows = []
    scratch = wdir / "scratch-import.out"
    out_root = wdir / "out" / "import"

    def cell(workload, root, files, tool, cmds, outdir):
        r = measure_import_cell(a, cmds, outdir, scratch)
        mb = sum(f.stat().st_size for f in files) / 1e6
        r.update({"workload": workload, "tool": tool, "files": len(files), "mb": round(mb, 4)})
        if r["ok"]:
            r["s_per_mb"] = r["wall"] / mb
            r["cpu_s_per_mb"] = r["cpu"] / mb
            log("%-28s %-26s wall %8.3fs  cpu %8.3fs  %6.3f s/MB  wrote %d/%d" % (
                workload, tool, r["wall"], r["cpu"], r["s_per_mb"], r["written"], len(files)))
        else:
            log("%-28s %-26s FAILED: %s" % (workload, tool, r["error"]))
        rows.append(r)
        return r

    for name, root, files in import_workloads(a, wdir):
        out = out_root / name.replace(" ", "-")
        for tool, cmds, outdir in import_cells(name, root, files, out, have_hera):
            cell(name, root, files, tool, cmds, outdir)
        if have_hera and len(files) > 1:
            # The files Hera converts (its API run wrote them), as a folder its command reads whole.
            subset = [f for f in files if (out / "hera-api" / f.relative_to(root)).with_suffix(".py").exists()]
            sub_root = wdir / "workloads" / "import" / "hera-subset"
            shutil.rmtree(sub_root, ignore_errors=True)
            for f in subset:
                link = sub_root / f.relative_to(root)
                link.parent.mkdir(parents=True, exist_ok=True)
                link.symlink_to(f)
            sub = "%s, the %d Hera converts" % (name, len(subset))
            sub_out = out_root / "hera-subset"
            cell(sub, sub_root, subset, "flowc import (CLI)",
                 [flowc_cli() + ["import", str(sub_root), "-o", str(sub_out / "flowc-cli") + "/"]], sub_out / "flowc-cli")
            cell(sub, sub_root, subset, "hera generate python",
                 [[str(VENVS / "hera" / "bin" / "hera"), "generate", "python", str(sub_root), "--recursive", "--to",
                   str(sub_out / "hera-cli") + "/"]], sub_out / "hera-cli")
    return {"rows": rows}


def import_only(a) -> int:
    """`--import-only`: the import row alone, into OUT/import.json and OUT/import.md."""
    bench = Bench(a)
    have_hera = bench.setup_peer("hera")
    data = {"args": {k: v for k, v in vars(a).items() if k not in ("out", "work")},
            "import": run_import(a, a.work, have_hera, bench.log), "skipped": bench.skipped,
            "machine": machine({"hera": have_hera})}
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "import.json").write_text(json.dumps(data, indent=1, default=str) + "\n")
    md = "# flowc import benchmark\n\nGenerated by `python3 bench/run.py --import-only` (%s, load %s at start, %s at " \
         "end; %s, %s cores).\n" % (data["machine"]["date"], data["machine"]["load_average_at_start"],
                                    data["machine"]["load_average_at_end"], data["machine"]["cpu"], data["machine"]["nproc"])
    (a.out / "import.md").write_text(md + import_markdown(data))
    if not a.quiet:
        print("wrote %s" % (a.out / "import.md"))
    return 0 if imports_ok(data) else 1


def imports_ok(data) -> bool:
    """flowc's import cells ran (a peer that cannot convert a file is its result, not a failed run)."""
    return all(r["ok"] for r in data.get("import", {}).get("rows", []) if r["tool"].startswith("flowc"))


def import_markdown(data) -> str:
    rows = data.get("import", {}).get("rows", [])
    if not rows:
        return ""
    L = ["", "## flowc import (issue 12)", "",
         "YAML in, Python out, each in one process; **s/MB** is wall time per MB of YAML read. flowc's import "
         "includes its own check (the Python it wrote is compiled back and compared with the YAML as data). "
         "**x flowc** divides by the `flowc import (CLI)` row of the same workload. Hera's command stops at the "
         "first file it cannot convert, so on Argo's examples it runs on the subset it converts (both tools "
         "measured on that subset), and through its own functions over every file (`Hera (API, every file)`).", "",
         "| workload | tool | files | MB | wall | cpu | s/MB (wall) | s/MB (cpu) | x flowc (wall) | written | runs |",
         "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if not r["ok"]:
            L.append("| %s | %s | %d | %.3f | failed | | | | | | %s |" % (r["workload"], r["tool"], r["files"], r["mb"],
                                                                           r["error"].replace("|", "/")[-300:]))
            continue
        ref = next((x for x in rows if x["workload"] == r["workload"] and x["tool"] == "flowc import (CLI)" and x["ok"]),
                   None)
        ratio = "%.1fx" % (r["wall"] / ref["wall"]) if ref and ref is not r else ""
        inner = " (in-process %s)" % fmt_t(r["import_s"]) if r.get("import_s") else ""
        if r["written"] < r["files"]:
            ratio += " (%d of %d files failed)" % (r["files"] - r["written"], r["files"])
        L.append("| %s | %s | %d | %.3f | %s%s | %s | %.3f | %.3f | %s | %d/%d | %d |" % (
            r["workload"], r["tool"], r["files"], r["mb"], fmt_t(r["wall"]), inner, fmt_t(r["cpu"]), r["s_per_mb"],
            r["cpu_s_per_mb"], ratio, r["written"], r["files"], r["reps"]))
    return "\n".join(L) + "\n"


# ------------------------------------------------------------------- reporting

def sh(cmd: List[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def pkg_version(py: Path, dist: str) -> str:
    if not py.exists():
        return "not installed"
    return sh([str(py), "-c", "import importlib.metadata as m; print(m.version(%r))" % dist]) or "not installed"


def machine(have: Dict[str, bool]) -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = "%.1f GiB" % (int(line.split()[1]) / 1024 / 1024)
    except OSError:
        pass
    import flowc

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "flowc": flowc.__version__,
        "flowc_commit": sh(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        "flowc_code_commit": sh(["git", "-C", str(REPO), "log", "-1", "--format=%h", "--", "compiler", "bindings",
                                 "python", "CMakeLists.txt", "pyproject.toml"]),
        "flowc_installed_from": str(Path(flowc.__file__).parent),
        "load_average_at_start": LOAD_AT_START,
        "load_average_at_end": " ".join(str(x) for x in os.getloadavg()),
        "argo-workflows-dsl": pkg_version(VENVS / "argo-dsl" / "bin" / "python", "argo-workflows-dsl"),
        "hera": pkg_version(VENVS / "hera" / "bin" / "python", "hera"),
        "tree-sitter": "runtime 0.23.2, tree-sitter-python 0.23.6 (cmake/TreeSitter.cmake)",
        "compiler": (sh(["c++", "--version"]).splitlines() or [""])[0],
        "cat": (sh(["cat", "--version"]).splitlines() or [""])[0],
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def fmt_t(s: float) -> str:
    if s >= 10:
        return "%.1f s" % s
    if s >= 1:
        return "%.2f s" % s
    return "%.1f ms" % (s * 1000) if s >= 0.001 else "%.3f ms" % (s * 1000)


REF = "flowc CLI"


def find(data, workload, tool):
    for r in data["results"]:
        if r["workload"] == workload and r["tool"] == tool and r["ok"]:
            return r
    return None


def targets(data) -> List[tuple]:
    """(target, measured, met) for each of issue 7's targets that the run can judge."""
    out = []
    for wl in ("dag-100", "corpus"):
        ref = find(data, wl, REF)
        for peer in ("argo-python-dsl", "Hera"):
            r = find(data, wl, peer)
            if ref and r:
                ratio = r["wall"] / ref["wall"]
                out.append(("%s >= 100x faster than %s (%s, wall)" % (REF, peer, wl), "%.1fx" % ratio, ratio >= 100))
                ratio = r["cpu"] / ref["cpu"]
                out.append(("%s >= 100x faster than %s (%s, cpu)" % (REF, peer, wl), "%.1fx" % ratio, ratio >= 100))
    big, k = find(data, "dag-10000", REF), find(data, "dag-1000", REF)
    floor = find(data, "dag-10000", "tree-sitter parse")
    if big:
        out.append(("dag-10000 compiles in < 1 s wall (%s)" % REF, fmt_t(big["wall"]), big["wall"] < 1.0))
        out.append(("dag-10000 compiles in < 1 s cpu (%s)" % REF, fmt_t(big["cpu"]), big["cpu"] < 1.0))
        if floor:
            ratio = big["wall"] / floor["wall"]
            out.append(("dag-10000 within 3x of bare tree-sitter parse (process wall)", "%.2fx" % ratio, ratio <= 3))
            ratio = big["cpu"] / floor["cpu"]
            out.append(("dag-10000 within 3x of bare tree-sitter parse (process cpu)", "%.2fx" % ratio, ratio <= 3))
            api = find(data, "dag-10000", "flowc API")
            if api and "compile_s" in api["internal"] and "parse_s" in floor["internal"]:
                ratio = api["internal"]["compile_s"] / floor["internal"]["parse_s"]
                out.append(("dag-10000 within 3x of bare tree-sitter parse (in-process: compile_file vs parse+walk)",
                            "%.2fx" % ratio, ratio <= 3))
        if k:
            ratio = big["wall"] / k["wall"]
            out.append(("t(10000)/t(1000) <= 12 (%s wall)" % REF, "%.1f" % ratio, ratio <= 12))
            ratio = big["cpu"] / k["cpu"]
            out.append(("t(10000)/t(1000) <= 12 (%s cpu)" % REF, "%.1f" % ratio, ratio <= 12))
            api_b, api_k = find(data, "dag-10000", "flowc API"), find(data, "dag-1000", "flowc API")
            if api_b and api_k and api_k["internal"].get("compile_s"):
                ratio = api_b["internal"]["compile_s"] / api_k["internal"]["compile_s"]
                out.append(("t(10000)/t(1000) <= 12 (in-process compile_file)", "%.1f" % ratio, ratio <= 12))
        out.append(("peak memory for dag-10000 < 200 MB (%s max RSS)" % REF, "%.0f MB" % big["rss_mb"], big["rss_mb"] < 200))
    return out


def targets_issue13(data) -> List[tuple]:
    """(target, measured, met) for issue 13's targets, as ratios of the same run."""
    out = []

    def ratio(target, wl, fast_tool, slow_tool, want, field="wall"):
        fast, slow = find(data, wl, fast_tool), find(data, wl, slow_tool)
        if fast and slow and fast[field] > 0:
            r = slow[field] / fast[field]
            out.append((target % fast_tool, "%.1fx" % r, r >= want))

    # Wall time is the target; CPU time (user+sys) is shown too: on a loaded
    # machine it is the steadier of the two.
    for field in ("wall", "cpu"):
        for peer, want in (("argo-python-dsl", 30), ("Hera", 90)):
            ratio("100-task file, one process: %%s >= %dx faster than %s (%s)" % (want, peer, field), "dag-100", REF,
                  peer, want, field)
        for peer, want in (("argo-python-dsl", 10), ("Hera", 12)):
            ratio("1,000-file corpus, cold: %%s >= %dx faster than %s (%s)" % (want, peer, field), "corpus", REF,
                  peer, want, field)
        for peer in ("argo-python-dsl", "Hera"):
            ratio("1,000-file corpus, warm cache: %%s >= 1000x faster than %s (%s)" % (peer, field), "corpus",
                  "flowc CLI warm cache", peer, 1000, field)
        big, floor = find(data, "dag-10000", REF), find(data, "dag-10000", "tree-sitter parse")
        if big and floor and floor[field] > 0:
            r = big[field] / floor[field]
            out.append(("10,000-task workflow: %s within 1.5x of the bare tree-sitter parse (%s)" % (REF, field),
                        "%.2fx" % r, r <= 1.5))
    one, two = find(data, "corpus", "flowc CLI -j1"), find(data, "corpus", "flowc CLI -j2")
    if one and two:
        out.append(("corpus: 2 workers against 1 (speed-up, wall; no target)", "%.2fx" % (one["wall"] / two["wall"]),
                    None))
        out.append(("corpus: 2 workers against 1 (CPU time, -j2 / -j1; no target)", "%.2fx" % (two["cpu"] / one["cpu"]),
                    None))
    return out


def markdown(data) -> str:
    m = data["machine"]
    L = ["# flowc benchmark results", "",
         "Generated by `python3 bench/run.py` (%s). Median of %d runs after %s warm-up unless the row says "
         "otherwise; every run starts fresh processes. **wall** is elapsed time, **cpu** is user+sys of the "
         "child processes, **RSS** their peak resident memory (wait4 in bench/floor/measure.cpp). **x flowc** is the tool's wall time "
         "divided by the `flowc CLI` row of the same workload (above 1: slower than flowc)." % (
             m["date"], data["args"]["reps"], "one" if data["args"]["warmup"] else "no"),
         "", "Machine: %s, %s cores, %s, Python %s; flowc %s (commit %s), argo-workflows-dsl %s, hera %s, "
         "tree-sitter %s. Full description: [machine.md](machine.md)." % (
             m["cpu"], m["nproc"], m["memory"], m["python"], m["flowc"], m["flowc_commit"],
             m["argo-workflows-dsl"], m["hera"], m["tree-sitter"]), ""]
    loads = lambda k: " ".join("%.2f" % float(x) for x in m.get(k, "").split()) or "?"  # noqa: E731
    L.append("Load average (1, 5, 15 min) at the start: %s; at the end: %s (%s cores; above about the number of "
             "cores the machine was not quiet, and wall times stretch)." % (
                 loads("load_average_at_start"), loads("load_average_at_end"), m.get("nproc", "?")))
    L.append("")
    t13 = targets_issue13(data)
    if t13:
        L += ["## Targets (issue 13)", "", "| target | measured | met |", "|---|---|---|"]
        L += ["| %s | %s | %s |" % (a, b, "-" if ok is None else "yes" if ok else "**no**") for a, b, ok in t13]
        L.append("")
    t = targets(data)
    if t:
        L += ["## Targets (issue 7)", "", "| target | measured | met |", "|---|---|---|"]
        L += ["| %s | %s | %s |" % (a, b, "yes" if ok else "**no**") for a, b, ok in t]
        L.append("")
    L += ["## Workloads", ""]
    L.append("Synthetic features: %s." % ", ".join(data["features"]))
    for f, why in data["dropped_features"].items():
        L.append("Left out: `%s` (%s)." % (f, why))
    if "when" not in data["features"] and "when" not in data["dropped_features"]:
        L.append("Left out: `when`. flowc compiles `@when(...)`, but argo-workflows-dsl 0.4.0's `@when(\"...\")` "
                 "raises `TypeError: when() takes no arguments` (its `when` Prop declares `__model__ = str`, which "
                 "its metaclass does not make a base class), so the same file could not be the input of both. "
                 "`python3 bench/run.py --with-when` adds it (argo-python-dsl then fails those files).")
    L.append("")
    L += ["| workload | files | tasks | bytes |", "|---|---|---|---|"]
    for name, w in data["workloads"].items():
        L.append("| %s | %d | %s | %s |" % (name, w["files"], w["tasks"] or "%s" % ("5-50 each" if name == "corpus" else "-"),
                                            "{:,}".format(w["bytes"])))
    L.append("")
    if data["skipped"]:
        L += ["## Not run", ""]
        L += ["- **%s**: %s" % (k, v) for k, v in data["skipped"].items()]
        L.append("")
    L += ["## Results", "", "| workload | tool | wall | cpu | RSS | x flowc (wall) | x flowc (cpu) | runs | notes |",
          "|---|---|---|---|---|---|---|---|---|"]
    for r in data["results"]:
        if not r["ok"]:
            L.append("| %s | %s | failed | | | | | | %s |" % (r["workload"], r["tool"], r["error"].replace("|", "/")))
            continue
        ref = find(data, r["workload"], REF)
        ratio = "%.1fx" % (r["wall"] / ref["wall"]) if ref and r["tool"] != REF else ""
        cratio = "%.1fx" % (r["cpu"] / ref["cpu"]) if ref and r["tool"] != REF and ref["cpu"] > 0 else ""
        notes = [r["note"]] if r["note"] else []
        if "compile_s" in r["internal"]:
            notes.append("in-process compile_file: %s" % fmt_t(r["internal"]["compile_s"]))
        if "parse_s" in r["internal"]:
            notes.append("in-process parse+walk: %s (parse alone %s)" % (
                fmt_t(r["internal"]["parse_s"]), fmt_t(r["internal"].get("parse_only_s", 0))))
        L.append("| %s | %s | %s | %s | %.1f MB | %s | %s | %d | %s |" % (
            r["workload"], r["tool"], fmt_t(r["wall"]), fmt_t(r["cpu"]), r["rss_mb"], ratio, cratio, r["reps"],
            "; ".join(notes)))
    L += ["", "![time against N](time_vs_n.png)", ""]
    return "\n".join(L)


def machine_md(data) -> str:
    m = data["machine"]
    L = ["# The machine of the committed results", ""]
    L += ["- **%s**: %s" % (k, v) for k, v in m.items()]
    L += ["", "Peers' pinned environments: bench/requirements/*.txt. Run arguments: `%s`." % json.dumps(data["args"])]
    return "\n".join(L) + "\n"


def plot(data, path: Path, python: Optional[Path]) -> Optional[str]:
    """Draws time against N (log-log), one line per tool, with matplotlib from the
    bench's tools venv (or this interpreter's, if it has one). Returns why not, or None."""
    rows = [r for r in data["results"] if r["ok"] and r["workload"].startswith("dag-")]
    series: Dict[str, List[tuple]] = {}
    for r in rows:
        series.setdefault(r["tool"], []).append((int(r["workload"][4:]), r["wall"]))
        if "compile_s" in r["internal"]:
            series.setdefault("flowc compile_file (in-process)", []).append((int(r["workload"][4:]), r["internal"]["compile_s"]))
        if "parse_s" in r["internal"]:
            series.setdefault("tree-sitter parse (in-process)", []).append((int(r["workload"][4:]), r["internal"]["parse_s"]))
    spec = {"series": {k: sorted(v) for k, v in series.items()}, "out": str(path),
            "title": "Compile time against workflow size (%s, %s cores)" % (data["machine"]["cpu"], data["machine"]["nproc"])}
    code = r'''
import json, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
spec = json.loads(sys.stdin.read())
fig, ax = plt.subplots(figsize=(8, 5.5), dpi=120)
for name, pts in spec["series"].items():
    xs, ys = zip(*pts)
    style = "--" if "in-process" in name or name == "cat" else "-"
    ax.plot(xs, ys, style, marker="o", label=name)
ax.set_xscale("log"); ax.set_yscale("log")
ax.set_xlabel("tasks in the workflow (N)"); ax.set_ylabel("wall time, s (median)")
ax.set_title(spec["title"], fontsize=10)
ax.grid(True, which="both", alpha=0.3)
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(spec["out"])
'''
    py = str(python) if python and python.exists() else sys.executable
    r = subprocess.run([py, "-c", code], input=json.dumps(spec), capture_output=True, text=True)
    if r.returncode != 0:
        return "plot failed: " + (r.stderr.strip().splitlines() or ["?"])[-1]
    return None


def ensure_plot_env(install: bool) -> Optional[Path]:
    py = VENVS / "tools" / "bin" / "python"
    if py.exists() and subprocess.run([str(py), "-c", "import matplotlib"], capture_output=True).returncode == 0:
        return py
    if not install:
        return None
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENVS / "tools")], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r",
                        str(HERE / "requirements" / "plot.txt")], check=True, capture_output=True)
        return py
    except subprocess.CalledProcessError:
        return None


# ------------------------------------------------------------------------ main

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tiny", action="store_true", help="N=10, 3 corpus files, 1 run, no warm-up, peers only if installed, "
                                                       "results to bench/work/tiny-results unless --out")
    p.add_argument("--sizes", type=int, nargs="+", help="task counts of the DAG workloads (default 10 100 1000 10000)")
    p.add_argument("--corpus", type=int, help="files in the corpus (default 1000)")
    p.add_argument("--reps", type=int, help="measured runs per cell (default 5)")
    p.add_argument("--no-warmup", dest="warmup", action="store_false", default=None)
    p.add_argument("--peers", choices=("yes", "auto", "no"), help="yes: install missing venvs (default); auto: use "
                                                                  "them only if present; no: flowc and the floor only")
    p.add_argument("--floor", choices=("yes", "no"), default="yes", help="build and run the tree-sitter floor")
    p.add_argument("--with-when", action="store_true", help="put @when in the synthetic workflows")
    p.add_argument("--per-file-sample", type=int, default=100, help="files of the corpus run once per file (default 100)")
    p.add_argument("--cell-budget", type=float, default=60.0, help="seconds of measured runs per cell before fewer runs")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds before one process is killed")
    p.add_argument("--work", type=Path, help="where workloads and outputs go (default bench/work/run, "
                                             "bench/work/tiny with --tiny)")
    p.add_argument("--out", type=Path, help="where the table, plot and data go (default bench/results)")
    p.add_argument("--no-plot", action="store_true")
    p.add_argument("--report-only", action="store_true", help="redraw the table and plot from OUT/results.json")
    p.add_argument("--no-import", dest="import_row", action="store_false",
                   help="leave out the import row (flowc import and hera generate python)")
    p.add_argument("--import-only", action="store_true", help="only the import row (no compile workloads)")
    p.add_argument("-q", "--quiet", action="store_true")
    a = p.parse_args(argv)
    if a.tiny:
        a.sizes = a.sizes or [10]
        a.corpus = a.corpus or 3
        a.reps = a.reps or 1
        a.warmup = False if a.warmup is None else a.warmup
        a.peers = a.peers or "auto"
        a.out = a.out or WORK / "tiny-results"
        a.work = a.work or WORK / "tiny"
    a.sizes = a.sizes or list(gen.DAG_SIZES)
    a.corpus = a.corpus or 1000
    a.reps = a.reps or 5
    a.warmup = True if a.warmup is None else a.warmup
    a.peers = a.peers or "yes"
    a.out = a.out or HERE / "results"
    a.work = a.work or WORK / "run"
    a.per_file_sample = min(a.per_file_sample, a.corpus)

    t0 = time.perf_counter()
    WORK.mkdir(parents=True, exist_ok=True)
    if a.import_only:
        return import_only(a)
    if a.report_only:
        data = json.loads((a.out / "results.json").read_text())
    else:
        bench = Bench(a)
        data = bench.run()
        if a.import_row:
            have_hera = not bench.skipped.get("hera") and (VENVS / "hera" / ".bench-ok").exists()
            data["import"] = run_import(a, a.work, have_hera, bench.log)
        # --- lsp (issue 15): the language server's latencies (bench/lsp_bench.py)
        try:
            data["lsp"] = lsp_bench.rows(a.work / "lsp", tasks=10 if a.tiny else 1000, reps=a.reps)
        except (OSError, RuntimeError, AssertionError, subprocess.SubprocessError) as e:
            data["skipped"]["flowc lsp"] = "did not run: %s" % e
        a.out.mkdir(parents=True, exist_ok=True)
        (a.out / "results.json").write_text(json.dumps(data, indent=1) + "\n")
    if not a.no_plot:
        why = plot(data, a.out / "time_vs_n.png", ensure_plot_env(install=not a.tiny))
        if why:
            data["skipped"]["plot"] = why
            print(why, file=sys.stderr)
    (a.out / "results.md").write_text(markdown(data) + import_markdown(data) + lsp_bench.markdown(data.get("lsp", [])))
    (a.out / "machine.md").write_text(machine_md(data))
    if not a.quiet:
        print("\n".join("%-4s %s: %s" % ("ok" if ok else "MISS", t, v) for t, v, ok in targets(data)))
        print("\n".join("%-4s %s: %s" % ("-" if ok is None else "ok" if ok else "MISS", t, v)
                         for t, v, ok in targets_issue13(data)))
        print("wrote %s (%.0fs)" % (a.out, time.perf_counter() - t0))
    ok = all(r["ok"] for r in data["results"]) and imports_ok(data)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
