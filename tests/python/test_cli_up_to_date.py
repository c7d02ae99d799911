"""`flowc compile -o DIR/` over unchanged files (issue 13, the warm-cache target):
the stat index (compiler/batch/stat_index.h, compiler/cli/up_to_date.h), run
through the installed native command. A warm run reads no input, compiles
nothing and writes nothing; every change that could change an output (the
input, even with its size kept and its mtime put back; an imported base
class; the output itself) is noticed; diagnostics are printed on every run;
a damaged index is ignored; --no-cache leaves it alone.

Stamps younger than 2 s are racy (never trusted, git's rule), so each test
lets its files age before the run that records them: settle()."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from conftest import FLOWC
from test_cli_cache import BASE, DERIVED, counts


RACY_SECONDS = 2.1  # compiler/batch/file_stamp.h: kRacyWindowNs, and a little more

PLAIN = """from flowc.dsl import *


class Plain(Workflow):
    @task
    def a(self):
        return self.echo()

    @template
    def echo(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["echo", "hi"])
"""

WARNED = PLAIN.replace("class Plain", "class Warned").replace("self.echo()", 'self.echo(extra="y")')


def flowc(*args, cwd):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def up_to_date(stderr: str) -> int:
    """N from -v's line "flowc: N up to date (...)"."""
    for line in stderr.splitlines():
        if line.startswith("flowc: ") and " up to date (" in line:
            return int(line.split()[1])
    raise AssertionError("no up-to-date line in: " + stderr)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'wf'\n")
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "base.py").write_text(BASE)
    (flows / "derived.py").write_text(DERIVED)
    (flows / "plain.py").write_text(PLAIN)
    return tmp_path


def compile_flows(project, *extra):
    r = flowc("compile", "-v", "flows", "-o", "out/", *extra, cwd=project)
    assert r.returncode in (0, 1), r.stderr
    return r


def settle(project, *extra):
    """Compiles, lets every file age past the racy window, compiles again (the
    run that records trustworthy stamps)."""
    compile_flows(project, *extra)
    time.sleep(RACY_SECONDS)
    return compile_flows(project, *extra)


def index_file(project) -> Path:
    found = list((project / ".flowc_cache").glob("stat-index-*"))
    assert len(found) == 1, found
    return found[0]


def entries_folder(project) -> Path:
    version = flowc("--version", cwd=project).stdout.split()[1]
    return project / ".flowc_cache" / version


def stamps(folder: Path) -> dict:
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_ino, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_warm_run_reads_compiles_and_writes_nothing(project):
    settle(project)
    outputs = stamps(project / "out")
    assert sorted(outputs) == ["base.yaml", "derived.yaml", "plain.yaml"]
    # With the content cache's entries gone, a compile would store them again:
    # the folder staying absent shows that nothing was compiled.
    entries = entries_folder(project)
    assert entries.is_dir()
    for p in entries.iterdir():
        p.unlink()
    entries.rmdir()
    warm = compile_flows(project)
    assert warm.returncode == 0, warm.stderr
    assert up_to_date(warm.stderr) == 3
    assert counts(warm.stderr) == (0, 0)
    assert "flowc: unchanged: out/derived.yaml" in warm.stderr
    assert not entries.exists()
    assert stamps(project / "out") == outputs  # not rewritten (same inode, same mtime)
    # --check takes the fast path too: up to date, exit 0.
    check = flowc("compile", "-v", "flows", "-o", "out/", "--check", cwd=project)
    assert check.returncode == 0 and up_to_date(check.stderr) == 3 and not entries.exists()


def test_same_size_edit_with_mtime_put_back_is_noticed(project):
    settle(project)
    plain = project / "flows" / "plain.py"
    before = plain.stat()
    plain.write_text(PLAIN.replace("alpine:3.19", "alpine:3.18"))  # same size
    os.utime(plain, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert plain.stat().st_size == before.st_size and plain.stat().st_mtime_ns == before.st_mtime_ns
    r = compile_flows(project)
    assert up_to_date(r.stderr) == 2
    assert "alpine:3.18" in (project / "out" / "plain.yaml").read_text()


def test_edit_to_an_imported_base_class_is_noticed(project):
    settle(project)
    base = project / "flows" / "base.py"
    before = base.stat()
    base.write_text(BASE.replace("alpine:3.19", "alpine:3.20"))
    os.utime(base, ns=(before.st_atime_ns, before.st_mtime_ns))
    r = compile_flows(project)
    assert up_to_date(r.stderr) == 1  # plain.py only: base.py itself and derived.py, which imports it, are not
    derived = yaml.safe_load((project / "out" / "derived.yaml").read_text())
    images = {t["container"]["image"] for t in derived["spec"]["templates"] if "container" in t}
    assert images == {"alpine:3.20"}


def test_deleted_or_hand_edited_output_is_written_again(project):
    settle(project)
    out = project / "out" / "plain.yaml"
    good = out.read_bytes()
    out.unlink()
    r = compile_flows(project)
    assert up_to_date(r.stderr) == 2 and out.read_bytes() == good
    assert "flowc: wrote out/plain.yaml" in r.stderr
    time.sleep(RACY_SECONDS)
    compile_flows(project)
    out.write_bytes(good.replace(b"alpine", b"ALPINE"))  # the same size
    check = flowc("compile", "flows", "-o", "out/", "--check", cwd=project)
    assert check.returncode == 1 and "would change: out/plain.yaml" in check.stderr
    assert b"ALPINE" in out.read_bytes()  # --check writes nothing
    r = compile_flows(project)
    assert r.returncode == 0 and out.read_bytes() == good


def test_warnings_are_printed_on_every_warm_run(project):
    (project / "flows" / "warned.py").write_text(WARNED)
    settle(project)
    for _ in range(2):
        r = compile_flows(project)
        assert r.returncode == 0
        assert "warned.py:7:26: warning:" in r.stderr and "[W0302]" in r.stderr, r.stderr
        assert up_to_date(r.stderr) == 3  # all but warned.py
        assert counts(r.stderr) == (0, 1)


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "foreign"])
def test_a_damaged_index_is_ignored(project, damage):
    settle(project)
    index = index_file(project)
    whole = index.read_bytes()
    damaged = {
        "flip": whole[: len(whole) // 2] + bytes([whole[len(whole) // 2] ^ 1]) + whole[len(whole) // 2 + 1:],
        "truncate": whole[:-1],
        "empty": b"",
        "foreign": b"\xff" * 4096,
    }[damage]
    index.write_bytes(damaged)
    outputs = stamps(project / "out")
    r = compile_flows(project)
    assert r.returncode == 0 and up_to_date(r.stderr) == 0
    assert counts(r.stderr) == (0, 3)  # the content cache answers
    assert stamps(project / "out") == outputs
    again = compile_flows(project)  # the index was written again, whole
    assert up_to_date(again.stderr) == 3


def test_two_runs_at_once_leave_a_usable_index(project):
    def both():
        runs = [subprocess.Popen([*FLOWC, "compile", "-v", "flows", "-o", out], cwd=project, stderr=subprocess.PIPE,
                                 text=True) for out in ("out/", "out2/")]
        for p in runs:
            p.communicate(timeout=120)
            assert p.returncode == 0

    both()
    time.sleep(RACY_SECONDS)
    both()
    for out in ("out/", "out2/"):  # a record lost to the race is written again
        flowc("compile", "flows", "-o", out, cwd=project)
    for out in ("out/", "out2/"):
        r = flowc("compile", "-v", "flows", "-o", out, cwd=project)
        assert r.returncode == 0 and up_to_date(r.stderr) == 3
    assert stamps(project / "out") .keys() == stamps(project / "out2").keys()
    assert [v[2] for v in stamps(project / "out").values()] == [v[2] for v in stamps(project / "out2").values()]


def test_no_cache_neither_reads_nor_writes_the_index(project):
    r = flowc("compile", "-v", "--no-cache", "flows", "-o", "out/", cwd=project)
    assert r.returncode == 0 and " up to date (" not in r.stderr
    assert not (project / ".flowc_cache").exists()
    settle(project)
    index = index_file(project)
    before = (index.stat().st_mtime_ns, index.read_bytes())
    (project / "out" / "plain.yaml").unlink()  # the index would be written to record it again
    r = flowc("compile", "-v", "--no-cache", "flows", "-o", "out/", cwd=project)
    assert r.returncode == 0 and " up to date (" not in r.stderr and " from the cache (" not in r.stderr
    assert "flowc: wrote out/plain.yaml" in r.stderr and "flowc: unchanged: out/base.yaml" in r.stderr
    assert (index.stat().st_mtime_ns, index.read_bytes()) == before


def test_streams_do_not_use_the_index(project):
    settle(project)
    r = flowc("compile", "-v", "flows/plain.py", cwd=project)
    assert r.returncode == 0 and " up to date (" not in r.stderr and "alpine:3.19" in r.stdout
