"""`flowc compile --watch`: a real process, real files changed under it; it
prints the new diagnostics, rewrites the output, and keeps running."""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time

import pytest

from conftest import EXAMPLES

FLOWC = os.path.join(os.path.dirname(sys.executable), "flowc")
HELLO = (EXAMPLES / "hello_world.py").read_text()
BROKEN = HELLO.replace('entrypoint = "whalesay"', 'entrypoint = "whalesay"\n    entrypont = "x"')

BASE = """from flowc.dsl import *

class BaseFlow(Workflow):
    service_account_name = "runner"
"""
DERIVED = """from flowc.dsl import *
from base import BaseFlow

class Derived(BaseFlow):
    @task
    def a(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine", command=["echo"])
"""


class Watcher:
    """A `flowc compile --watch` process whose standard error is read line by line."""

    def __init__(self, args, cwd, command=(FLOWC,)):
        self.proc = subprocess.Popen([*command, "compile", "--watch", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.lines.put(line)

    def until(self, text: str, timeout: float = 30) -> str:
        """What was printed up to the first line holding `text`."""
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, "flowc --watch ended: " + "".join(seen)
                continue
            seen.append(line)
            if text in line:
                return "".join(seen)
        raise AssertionError(f"no {text!r} within {timeout}s; printed:\n" + "".join(seen))

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def watcher_factory():
    started = []

    def start(args, cwd, command=(FLOWC,)):
        w = Watcher(args, cwd, command)
        started.append(w)
        return w

    yield start
    for w in started:
        if w.proc.poll() is None:
            w.stop()


def replace(path, text):
    """Saves as an editor does: a new file renamed over the old one."""
    tmp = path.with_name("." + path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def test_watch_recompiles_a_changed_file_and_keeps_running(tmp_path, watcher_factory):
    src = tmp_path / "flows"
    src.mkdir()
    (src / "hello.py").write_text(HELLO)
    (src / "other.py").write_text(HELLO.replace("class HelloWorld", "class Other"))
    w = watcher_factory(["flows/", "-o", "out/"], tmp_path)
    first = w.until("watching for changes")
    assert "(ok)" in first
    out = tmp_path / "out" / "hello.yaml"
    assert "hello world" in out.read_text()
    other_written = (tmp_path / "out" / "other.yaml").stat().st_mtime_ns

    (src / "hello.py").write_text(BROKEN)  # written in place
    text = w.until("watching for changes")
    assert "hello.py changed" in text
    assert "flows/hello.py:8:5: error: 'entrypont' is not a workflow setting [E0211]" in text
    assert "(errors)" in text
    assert "hello world" in out.read_text()  # a failed compile leaves the old output

    replace(src / "hello.py", HELLO.replace("hello world", "hello again"))  # replaced by a rename
    text = w.until("watching for changes")
    assert "(ok)" in text and "error" not in text
    assert "hello again" in out.read_text()
    # only what changed was compiled: the other output was not rewritten
    assert (tmp_path / "out" / "other.yaml").stat().st_mtime_ns == other_written
    assert w.proc.poll() is None  # still running
    w.stop()


def test_watch_a_new_file_in_a_watched_folder(tmp_path, watcher_factory):
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "hello.py").write_text(HELLO)
    w = watcher_factory(["flows", "-o", "out/", "--diagnostics-format", "github"], tmp_path)
    w.until("watching for changes")
    (tmp_path / "flows" / "sub").mkdir()
    (tmp_path / "flows" / "sub" / "new.py").write_text(BROKEN)
    text = w.until("watching for changes")
    assert "::error file=flows/sub/new.py,line=8,col=5" in text


@pytest.mark.parametrize("command", [(FLOWC,), (sys.executable, "-m", "flowc")], ids=["native", "python"])
def test_watch_recompiles_the_importers_of_a_changed_base_class(tmp_path, watcher_factory, command):
    (tmp_path / "base.py").write_text(BASE)
    (tmp_path / "derived.py").write_text(DERIVED)
    w = watcher_factory(["derived.py", "-o", "derived.yaml"], tmp_path, command)
    w.until("watching for changes")
    assert "serviceAccountName: runner" in (tmp_path / "derived.yaml").read_text()
    replace(tmp_path / "base.py", BASE.replace('"runner"', '"builder"'))
    text = w.until("watching for changes")
    assert "base.py changed" in text and "(ok)" in text
    assert "serviceAccountName: builder" in (tmp_path / "derived.yaml").read_text()


def test_watch_usage_errors(tmp_path):
    r = subprocess.run([FLOWC, "compile", "--watch", "-"], capture_output=True, text=True, input="", timeout=30)
    assert r.returncode == 2 and "--watch" in r.stderr
    r = subprocess.run([FLOWC, "compile", "--watch", str(tmp_path / "missing.py")], capture_output=True, text=True,
                       timeout=30)
    assert r.returncode == 2 and "missing.py" in r.stderr
