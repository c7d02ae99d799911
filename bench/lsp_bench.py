"""The language server's latencies on the benchmark's 1,000-task workflow
(bench/gen.py): what an editor waits for.

    python3 bench/lsp_bench.py [--tasks N] [--reps R] [--out DIR]

Rows (median of R, wall time as the client sees it, with the server's
debounce set to 0 so the compile itself is measured; an editor adds the
debounce, 200 ms by default):
  didOpen -> diagnostics     open the file, until its diagnostics arrive
  didChange -> diagnostics   a one-character edit, until the diagnostics of that version
  completion (keywords)      `V1Container(` keyword completion
  completion ({{tasks.}})    a reference's task names
  hover                      on a model name
The client is a small JSON-RPC client over the server's stdin/stdout
(no dependencies). run.py calls rows() and adds them to its table.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen  # noqa: E402


def server_command() -> List[str]:
    """`flowc lsp` of this Python's environment (FLOWC_LSP_SERVER=path/to/flowc: another)."""
    import os
    import sysconfig

    exe = os.environ.get("FLOWC_LSP_SERVER") or str(Path(sysconfig.get_path("scripts")) / "flowc")
    return [exe, "lsp"]


class Client:
    """Just enough of an LSP client: framed requests and notifications, and
    reading until a given response or notification arrives."""

    def __init__(self, cmd: List[str]):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, msg: dict) -> None:
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict:
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the server closed its output")
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == self.next_id and "method" not in msg:
                if "error" in msg:
                    raise RuntimeError(msg["error"])
                return msg["result"]

    def notify(self, method: str, params: dict) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri: str, version: int) -> list:
        while True:
            msg = self.read()
            p = msg.get("params", {})
            if msg.get("method") == "textDocument/publishDiagnostics" and p["uri"] == uri and p.get("version") == version:
                return p["diagnostics"]

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=30)


def position(text: str, offset: int) -> dict:
    line = text.count("\n", 0, offset)
    return {"line": line, "character": offset - (text.rfind("\n", 0, offset) + 1)}


def rows(work: Path, tasks: int = 1000, reps: int = 5, cmd: Optional[List[str]] = None) -> List[Dict]:
    """The LSP rows: [{"workload", "tool", "ms", "reps"}]."""
    names = gen.gen_dag(work, [tasks], gen.DEFAULT_FEATURES)
    path = work / f"n{tasks}" / "dsl" / f"{names[tasks]}.py"
    text = path.read_text()
    uri = path.as_uri()
    client = Client(cmd or server_command())
    client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                  "initializationOptions": {"debounceMs": 0}})
    client.notify("initialized", {})
    times: Dict[str, List[float]] = {k: [] for k in (
        "didOpen -> diagnostics", "didChange -> diagnostics", "completion (keywords)",
        "completion ({{tasks.}})", "hover")}
    call = text.index("V1Container(") + len("V1Container(")
    ref = text.index("{{tasks.") + len("{{tasks.")
    model = text.index("V1Container(") + 2
    # An edit that keeps the file valid: a character added to, then removed from, a comment at the end.
    text += "#\n"
    end = position(text, len(text) - 1)
    version = 1
    for i in range(reps):
        t = time.perf_counter()
        client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python",
                                                                "version": version, "text": text}})
        diags = client.diagnostics(uri, version)
        times["didOpen -> diagnostics"].append(time.perf_counter() - t)
        assert not [d for d in diags if d["severity"] == 1], diags[:2]
        for k in range(2):
            version += 1
            rng = {"start": end, "end": end} if k == 0 else {"start": end, "end": dict(end, character=end["character"] + 1)}
            t = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [{"range": rng, "text": "x" if k == 0 else ""}]})
            client.diagnostics(uri, version)
            times["didChange -> diagnostics"].append(time.perf_counter() - t)
        for key, offset, method in (("completion (keywords)", call, "textDocument/completion"),
                                    ("completion ({{tasks.}})", ref, "textDocument/completion"),
                                    ("hover", model, "textDocument/hover")):
            t = time.perf_counter()
            result = client.request(method, {"textDocument": {"uri": uri}, "position": position(text, offset)})
            times[key].append(time.perf_counter() - t)
            assert result, key
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        version += 1
    client.close()
    return [{"workload": f"dag-{tasks}", "tool": f"flowc lsp: {k}", "ms": 1000 * statistics.median(v), "reps": len(v)}
            for k, v in times.items()]


def markdown(lsp_rows: List[Dict]) -> str:
    if not lsp_rows:
        return ""
    out = ["", "## Language server (flowc lsp)", "",
           "Wall time the client waits, median; the server's debounce set to 0 (an editor adds it, 200 ms by default).",
           "", "| workload | request | ms | runs |", "| --- | --- | ---: | ---: |"]
    for r in lsp_rows:
        out.append(f"| {r['workload']} | {r['tool'].split(': ', 1)[1]} | {r['ms']:.1f} | {r['reps']} |")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tasks", type=int, default=1000)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--out", type=Path, help="write lsp.json and lsp.md there")
    a = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="flowc-lsp-bench-") as work:
        result = rows(Path(work), a.tasks, a.reps)
    text = markdown(result)
    print(text)
    if a.out:
        a.out.mkdir(parents=True, exist_ok=True)
        (a.out / "lsp.json").write_text(json.dumps(result, indent=1) + "\n")
        (a.out / "lsp.md").write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
