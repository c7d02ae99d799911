"""`flowc import` bounds alias expansion (issue 20, item 5): a 1 KB YAML whose
anchors refer to anchors (a "billion laughs" file) once grew to 23 GB and ran
2.5 minutes before it was killed. The real `flowc import` is run on such a
file under an address-space limit and a timeout, and its peak memory
(ru_maxrss, from wait4) and time are checked: it must stop at once with
E1050 at the alias, file:line:col. A file with many legitimate aliases
still imports, and compiles back to the same data.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import yaml

import flowc
from conftest import installed_flowc, load_all

MEMORY_LIMIT = 1 << 30  # 1 GiB of address space: the bomb needs more than 10^9 nodes


def bomb(levels: int = 9) -> str:
    """a: &a [x]*10; b: &b [*a]*10; ... each level 10 times the one before."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 10) + "]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def run_bounded(args, stdin=None, cwd=None, timeout=30):
    """The real flowc, under MEMORY_LIMIT: (returncode, stdout, stderr, seconds)."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    start = time.monotonic()
    p = subprocess.Popen([installed_flowc(), *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, preexec_fn=limit, cwd=cwd)
    try:
        out, err = p.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise AssertionError(f"flowc {' '.join(map(str, args))} ran past {timeout} s") from None
    seconds = time.monotonic() - start
    return p.returncode, out.decode(), err.decode(), seconds


# Run in a fresh interpreter: a forked child's ru_maxrss starts at its
# parent's resident size (fork copies the page tables, exec keeps the high-water
# mark), so forking flowc from pytest, hundreds of MB after a whole suite, would
# measure pytest. A fresh `python -c` is about 10 MB.
_MAX_RSS = """
import json, os, resource, sys
limit, argv = int(sys.argv[1]), sys.argv[2:]
r, w = os.pipe()
pid = os.fork()
if pid == 0:  # the child: flowc, stderr to the pipe, stdout to /dev/null
    os.close(r)
    os.dup2(w, 2)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
os.close(w)
chunks = []
while True:
    b = os.read(r, 65536)
    if not b:
        break
    chunks.append(b)
_, status, usage = os.wait4(pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), b"".join(chunks).decode(), usage.ru_maxrss]))
"""


def max_rss_kib(args, cwd=None) -> tuple:
    """(returncode, stderr, max RSS KiB) of one run under MEMORY_LIMIT, measured
    with wait4 (RUSAGE_CHILDREN would hold the largest of all children so far)."""
    p = subprocess.run([sys.executable, "-c", _MAX_RSS, str(MEMORY_LIMIT), installed_flowc(), *map(str, args)],
                       capture_output=True, text=True, cwd=cwd, timeout=60)
    assert p.returncode == 0, p.stderr
    code, err, rss = json.loads(p.stdout)
    return code, err, rss


def test_bomb_is_small(tmp_path):
    text = bomb()
    assert len(text) < 1100  # "a 1 KB YAML"
    # What it would expand to: 10^9 leaves.
    assert text.count("*l7") == 10


def test_alias_bomb_stops_at_once_with_bounded_memory(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb())
    code, out, err, seconds = run_bounded(["import", path])
    assert code == 1, err
    assert out == ""
    # At the alias that went past the bound: line 3 (l2's first *l1 makes
    # 100 + ... nodes; the bound is 2 x size + 10,000).
    first = err.splitlines()[0]
    assert first.startswith(f"{path}:") and first.endswith("[E1050]"), err
    _, line, col = first.split(": error:")[0].rsplit(":", 2)
    assert int(line) >= 2 and int(col) > 1
    assert "aliases repeat too much" in first
    assert seconds < 5, seconds
    code, err, rss = max_rss_kib(["import", path])
    assert code == 1 and "[E1050]" in err
    assert rss < 100 * 1024, f"max RSS {rss} KiB"  # MiBs, not the 23 GB of before


def test_alias_bomb_on_standard_input_and_to_a_folder(tmp_path):
    code, out, err, seconds = run_bounded(["import", "-", "-o", f"{tmp_path / 'out'}/"], stdin=bomb().encode())
    assert code == 1 and "<stdin>:" in err and "[E1050]" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.py"))
    assert seconds < 5


def test_bomb_through_the_api():
    """flowc.import_yaml (the same reader) stops as fast, with E1050 first."""
    start = time.monotonic()
    try:
        flowc.import_yaml(bomb(), filename="bomb.yaml")
        raise AssertionError("imported a bomb")
    except flowc.CompileError as e:
        errors = [d for d in e.diagnostics if d.severity == "error"]
        assert errors[0].code == "E1050", str(e)
    assert time.monotonic() - start < 5


def legitimate(n: int = 300) -> str:
    """A WorkflowTemplate of n templates sharing one container by an alias each."""
    head = ("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: many\nspec:\n"
            "  entrypoint: t0\n  templates:\n")
    body = ["  - name: t0\n    container: &c\n      image: alpine:3.19\n      command: [sh, -c]\n"
            "      args: [\"echo hi\"]\n      env: &env\n      - {name: A, value: a}\n      - {name: B, value: b}\n"]
    for i in range(1, n):
        body.append(f"  - name: t{i}\n    container: *c\n")
    return head + "".join(body)


def test_many_legitimate_aliases_still_import(tmp_path):
    text = legitimate()
    path = tmp_path / "many.yaml"
    path.write_text(text)
    code, out, err, seconds = run_bounded(["import", path])
    assert code == 0, err
    docs = flowc.compile_to_dicts(out, filename="many.py")
    assert docs == load_all(text) == [yaml.safe_load(text)]
    assert len(docs[0]["spec"]["templates"]) == 300
