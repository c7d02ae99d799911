"""`flowc compile` on several threads and through its content cache (issue 13,
item 5), run through the installed native command: a hit, a miss after an
edit to the file or to an imported base class, a corrupt entry, --no-cache,
the cache folder's place and markers, and parallel output identical to serial."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import FLOWC, installed_flowc


BASE = """from flowc.dsl import *


class Base(Workflow):
    @task
    def fetch(self):
        return self.download()

    @template
    def download(self) -> V1Container:
        return V1Container(image="alpine:3.19", command=["wget"])
"""

DERIVED = """from flowc.dsl import *
from base import Base


class Derived(Base):
    @task
    @dependencies(["fetch"])
    def publish(self):
        return self.download()
"""


def flowc(*args, cwd):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def counts(stderr: str) -> tuple:
    """(compiled, from the cache) from -v's line "flowc: N compiled, M from the cache (DIR)"."""
    for line in stderr.splitlines():
        if line.startswith("flowc: ") and " from the cache (" in line:
            words = line.split()
            return int(words[1]), int(words[3])
    raise AssertionError("no cache line in: " + stderr)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'wf'\n")
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "base.py").write_text(BASE)
    (tmp_path / "flows" / "derived.py").write_text(DERIVED)
    (tmp_path / "sub").mkdir()
    return tmp_path


def test_hit_miss_after_edit_and_after_base_edit(project):
    wf = project / "flows" / "derived.py"
    first = flowc("compile", "-v", wf, cwd=project / "sub")  # the cache goes beside pyproject.toml
    assert first.returncode == 0, first.stderr
    assert counts(first.stderr) == (1, 0)
    assert "image: alpine:3.19" in first.stdout
    cache = project / ".flowc_cache"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    hit = flowc("compile", "-v", wf, cwd=project / "sub")
    assert counts(hit.stderr) == (0, 1)
    assert hit.stdout == first.stdout and hit.returncode == 0
    # The file changes: compiled again, and the new output.
    wf.write_text(DERIVED + "\n\nclass Other(Base):\n    pass\n")
    edited = flowc("compile", "-v", wf, cwd=project / "sub")
    assert counts(edited.stderr) == (1, 0)
    assert [d["metadata"]["generateName"] for d in yaml.safe_load_all(edited.stdout)] == ["derived-", "other-"]
    assert counts(flowc("compile", "-v", wf, cwd=project / "sub").stderr) == (0, 1)
    # The imported base class changes: compiled again, the new image in the output.
    (project / "flows" / "base.py").write_text(BASE.replace("alpine:3.19", "alpine:3.20"))
    based = flowc("compile", "-v", wf, cwd=project / "sub")
    assert counts(based.stderr) == (1, 0)
    assert "alpine:3.20" in based.stdout and "alpine:3.19" not in based.stdout


def test_diagnostics_from_the_cache_are_the_same(project):
    (project / "flows" / "base.py").write_text(BASE.replace("    @task\n", '    @task\n    @dependencies(["nope"])\n'))
    wf = project / "flows" / "derived.py"
    first = flowc("compile", "-v", wf, cwd=project)
    again = flowc("compile", "-v", wf, cwd=project)
    assert counts(first.stderr) == (1, 0) and counts(again.stderr) == (0, 1)
    assert first.returncode == again.returncode == 1
    assert "base.py:6:20: error: task 'fetch' depends on unknown task 'nope' [E0302]" in first.stderr
    strip = lambda s: "\n".join(l for l in s.splitlines() if " from the cache (" not in l)  # noqa: E731
    assert strip(again.stderr) == strip(first.stderr)


def test_corrupt_or_truncated_entries_are_misses(project):
    wf = project / "flows" / "derived.py"
    good = flowc("compile", "-v", wf, cwd=project)
    entries = [p for p in (project / ".flowc_cache").rglob("*") if p.is_file() and p.parent.name != ".flowc_cache"]
    assert len(entries) == 1
    entry = entries[0]
    whole = entry.read_bytes()
    flipped = bytearray(whole)
    flipped[len(whole) // 2] ^= 0x01
    for damaged in (whole[: len(whole) // 2], whole[:-1], bytes(flipped), b"", b"\xff" * 4096):
        entry.write_bytes(damaged)
        r = flowc("compile", "-v", wf, cwd=project)
        assert r.returncode == 0, r.stderr
        assert counts(r.stderr) == (1, 0)
        assert r.stdout == good.stdout
        assert entry.read_bytes() == whole  # written again, whole


def test_no_cache_and_cache_dir(project):
    wf = project / "flows" / "derived.py"
    r = flowc("compile", "-v", "--no-cache", wf, cwd=project)
    assert r.returncode == 0 and " from the cache (" not in r.stderr
    assert not (project / ".flowc_cache").exists()
    elsewhere = project / "elsewhere"
    for expected in ((1, 0), (0, 1)):
        r = flowc("compile", "-v", "--cache-dir", elsewhere, wf, cwd=project)
        assert counts(r.stderr) == expected
    assert (elsewhere / "CACHEDIR.TAG").exists()
    assert not (project / ".flowc_cache").exists()
    # --no-cache with a warm cache compiles anyway.
    r = flowc("compile", "-v", "--no-cache", "--cache-dir", elsewhere, wf, cwd=project)
    assert " from the cache (" not in r.stderr and r.returncode == 0


def test_unwritable_cache_costs_only_speed(project):
    blocker = project / "not-a-folder"
    blocker.write_text("a file where the cache folder would go\n")
    r = flowc("compile", "-v", "--cache-dir", blocker, project / "flows" / "derived.py", cwd=project)
    assert r.returncode == 0 and "image: alpine:3.19" in r.stdout
    assert "cache not written" in r.stderr


def make_tree(root: Path, n: int) -> None:
    """n workflow files in nested folders: most compile, some with warnings or
    errors, some without a workflow class, several importing a shared base."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "base.py").write_text(BASE)
    for i in range(n):
        d = root / ("pkg%d" % (i % 4)) / ("sub%d" % (i % 3))
        d.mkdir(parents=True, exist_ok=True)
        if i % 11 == 5:
            text = "# no workflow here\nX = %d\n" % i
        elif i % 13 == 7:
            text = DERIVED.replace("Derived", "Broken%d" % i).replace('"fetch"', '"nope"')
        else:
            text = ('from flowc.dsl import *\n\n\nclass Flow%d(Workflow):\n    @task\n    def a(self):\n'
                    '        return self.echo(message="%d")\n\n    @template\n    @inputs.parameter(name="message")\n'
                    '    def echo(self, message: V1alpha1Parameter) -> V1Container:\n'
                    '        return V1Container(image="alpine:3.19", command=["echo", "{{inputs.parameters.message}}"])\n'
                    % (i, i))
            if i % 7 == 2:  # W0302: an argument the template has no input for
                text = text.replace('message="%d")' % i, 'message="%d", extra="y")' % i)
        (d / ("w%03d.py" % i)).write_text(text)
    (root / "pkg0" / "base.py").write_text(BASE)  # the base class of pkg0/derived.py, beside it
    (root / "pkg0" / "derived.py").write_text(DERIVED)


def tree_bytes(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_parallel_output_is_identical_to_serial(tmp_path):
    src = tmp_path / "src"
    make_tree(src, 120)
    runs = {}
    for jobs in ("1", "2", "7"):
        out = tmp_path / ("out-j" + jobs)
        stream = flowc("compile", "--no-cache", "-j", jobs, src, cwd=tmp_path)
        folder = flowc("compile", "--no-cache", "-j", jobs, src, "-o", str(out) + "/", cwd=tmp_path)
        runs[jobs] = (stream.returncode, stream.stdout, stream.stderr, folder.returncode, folder.stderr,
                      tree_bytes(out))
    serial = runs["1"]
    assert serial[0] == 1 and "error:" in serial[2] and "warning:" in serial[2]
    assert len(serial[5]) > 80  # files were written
    assert runs["2"] == serial
    assert runs["7"] == serial
    # Through the cache, cold then warm, on 2 threads: the same again.
    for _ in range(2):
        out = tmp_path / "out-cached"
        stream = flowc("compile", "-j", "2", "--cache-dir", tmp_path / "cache", src, cwd=tmp_path)
        folder = flowc("compile", "-j", "2", "--cache-dir", tmp_path / "cache", src, "-o", str(out) + "/",
                       cwd=tmp_path)
        assert (stream.returncode, stream.stdout, stream.stderr, folder.returncode, folder.stderr,
                tree_bytes(out)) == serial


def test_jobs_must_be_a_positive_number(tmp_path):
    for bad in ("0", "-1", "many"):
        r = flowc("compile", "-j", bad, "x.py", cwd=tmp_path)
        assert r.returncode == 2


def test_a_rebuilt_flowc_never_serves_a_stale_entry(project, tmp_path_factory):
    """The key holds the stamp of the running executable
    (batch/build_identity.h), not only flowc's version: a changed executable
    of the same version (a development rebuild, here the same program with
    bytes appended, which the ELF loader ignores) misses, and each build
    keeps hitting its own entries."""
    native = installed_flowc()
    if Path(native).read_bytes()[:4] != b"\x7fELF":
        pytest.skip("the flowc command is not a native executable")
    bin_dir = tmp_path_factory.mktemp("bin")
    copy = bin_dir / "flowc"
    copy.write_bytes(Path(native).read_bytes())
    copy.chmod(0o755)
    wf = project / "flows" / "derived.py"

    def run(exe):
        r = subprocess.run([str(exe), "compile", "-v", str(wf)], capture_output=True, text=True, cwd=project,
                           timeout=120)
        assert r.returncode == 0, r.stderr
        return counts(r.stderr)

    assert run(native) == (1, 0)
    assert run(native) == (0, 1)
    assert run(copy) == (1, 0)          # another file: another build, as far as the cache can tell
    assert run(copy) == (0, 1)
    copy.write_bytes(copy.read_bytes() + b"rebuilt\n")
    assert run(copy) == (1, 0)          # same version, rewritten: a miss
    assert run(copy) == (0, 1)
    assert run(native) == (0, 1)        # the first build's entry is still its own
