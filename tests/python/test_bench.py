"""A tiny run of the benchmark (bench/run.py --tiny), so that it keeps working.

N=10, 3 corpus files, 1 run each, flowc and the tree-sitter floor; the peers
(argo-python-dsl, Hera) only if their venvs already exist under bench/work/venvs/
(--peers auto never installs, so no network is needed). No timing assertions."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_bench_tiny(tmp_path):
    if not (REPO / "bench" / "run.py").exists():
        pytest.skip("no bench/")
    floor = "yes" if shutil.which("cmake") else "no"
    r = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--tiny", "--peers", "auto", "--floor", floor,
         "--no-plot", "-q", "--out", str(tmp_path), "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    data = json.loads((tmp_path / "results.json").read_text())
    ok = {(x["workload"], x["tool"]) for x in data["results"] if x["ok"]}
    for wl in ("examples", "dag-10", "corpus"):
        assert (wl, "flowc CLI") in ok
        assert (wl, "flowc API") in ok
        assert (wl, "cat") in ok
    assert ("corpus", "flowc CLI per file") in ok
    if floor == "yes":
        assert ("dag-10", "tree-sitter parse") in ok, data["skipped"]
    table = (tmp_path / "results.md").read_text()
    assert "| dag-10 | flowc CLI |" in table
    # The import row: the largest DAG's YAML and every Argo example, each imported whole.
    rows = {(x["workload"], x["tool"]): x for x in data["import"]["rows"]}
    for wl in ("dag-10 YAML", "argo examples"):
        for tool in ("flowc import (CLI)", "flowc import_yaml (API)"):
            assert rows[(wl, tool)]["ok"], rows[(wl, tool)]
            assert rows[(wl, tool)]["written"] == rows[(wl, tool)]["files"]
    assert "| argo examples | flowc import (CLI) | 154 |" in table
    assert (tmp_path / "machine.md").exists()
