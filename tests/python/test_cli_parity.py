"""`python -m flowc` runs the native `flowc` that `pip install .` installed
(python/flowc/__main__.py): the same bytes on stdout and stderr, the same exit
code and the same files written, for every subcommand and option, and a clear
error (exit 2, no traceback) when the executable is not where pip puts it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import flowc
from conftest import BROKEN_WORKFLOW, CASES, EXAMPLES, installed_flowc

NATIVE = [installed_flowc()]
PYTHON = [sys.executable, "-m", "flowc"]
PACKAGE = Path(flowc.__file__).resolve().parent  # the installed package: site-packages/flowc

BAD = BROKEN_WORKFLOW


def run(cmd, args, cwd=None, stdin=None, env=None):
    r = subprocess.run([*cmd, *map(str, args)], capture_output=True, cwd=cwd, input=stdin, env=env, timeout=120)
    return r.returncode, r.stdout, r.stderr


def both(*args, cwd=None, stdin=None):
    return run(NATIVE, args, cwd, stdin), run(PYTHON, args, cwd, stdin)


@pytest.mark.parametrize("args", [
    (),
    ("--version",),
    ("--help",),
    ("-h",),
    ("frobnicate",),
    ("compile", "--help"),
    ("lint", "--help"),
    ("graph", "--help"),
    ("import", "--help"),
    ("explain", "--help"),
    ("lsp", "--help"),
    ("compile",),
    ("compile", "--format", "toml", EXAMPLES / "hello_world.py"),
    ("compile", "--form", "json", EXAMPLES / "hello_world.py"),
    ("compile", EXAMPLES / "missing.py"),
    ("compile", EXAMPLES / "hello_world.py"),
    ("compile", EXAMPLES / "hello_world.py", EXAMPLES / "dag_diamond.py"),
    ("compile", "--format", "json", EXAMPLES / "hello_world.py", EXAMPLES / "dag_diamond.py"),
    ("compile", "--format", "json", EXAMPLES / "scripts_python.py"),
    ("compile", EXAMPLES / "artifacts.py"),
    ("compile", "-W", EXAMPLES / "artifacts.py"),
    ("compile", "-q", EXAMPLES / "artifacts.py"),
    ("compile", "--argo-version", "3.5", EXAMPLES / "hello_world.py"),
    ("compile", "--target", "peak", EXAMPLES / "hello_world.py"),
    ("compile", "--diagnostics-format", "json", "-W", EXAMPLES / "artifacts.py"),
    ("compile", "--diagnostics-format", "sarif", "-W", EXAMPLES / "artifacts.py"),
    ("compile", "--diagnostics-format", "github", "-W", EXAMPLES / "artifacts.py"),
    ("compile", "--color", "always", "-W", EXAMPLES / "artifacts.py"),
    ("compile", "--include", "hello_*.py", EXAMPLES),  # a folder and a glob: once only the native command's
    ("compile", "--exclude", "peak", "--exclude", "argo", EXAMPLES),
    ("graph", EXAMPLES / "dag_diamond.py"),
    ("graph", "--format", "dot", EXAMPLES / "dag_diamond.py"),
    ("graph", "--format", "mermaid", EXAMPLES / "dag_diamond.py"),
    ("graph", EXAMPLES / "missing.py"),
    ("lint", EXAMPLES / "hello_world.yaml"),
    ("lint", EXAMPLES / "hello_world.yaml", EXAMPLES / "dag_diamond.yaml", "--argo-version", "3.5"),
    ("import", EXAMPLES / "hello_world.yaml"),
    ("import", EXAMPLES / "dag_diamond.yaml", "--argo-version", "2.9"),
    ("run", EXAMPLES / "missing.py"),  # a dry run names a generated workflow (random, as Argo's): not compared
    ("run", "--parallelism", "x", EXAMPLES / "dag_diamond.py"),
    ("explain", "E0302"),
    ("explain", "w0201"),
    ("explain", "E9999"),
])
def test_same_bytes_and_exit_code(args):
    native, python = both(*args)
    assert native == python
    assert b"Traceback" not in python[2]


def test_every_subcommand_is_covered():
    """The list above holds each subcommand the native --help names."""
    code, out, _ = run(NATIVE, ["--help"])
    assert code == 0
    listed = out.split(b"{", 1)[1].split(b"}", 1)[0].decode().split(",")
    assert listed == ["compile", "import", "lint", "run", "graph", "lsp", "explain"]


@pytest.mark.parametrize("target", ["argo", "peak"])
def test_same_bytes_on_every_case(target):
    """Every golden case's input at once: documents, warnings and errors (for
    Peak, the diagnostics and the "a Peak file holds one workflow" error)."""
    files = sorted(CASES.glob("*/*/input.py")) + sorted(EXAMPLES.glob("*.py"))
    assert len(files) > 100
    native, python = both("compile", "--target", target, *files)
    assert native == python


def test_same_bytes_on_errors_and_standard_input(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(BAD)
    native, python = both("compile", bad)
    assert native == python and native[0] == 1 and b"[E0302]" in native[1] + native[2]
    native, python = both("compile", "-", stdin=BAD.encode())
    assert native == python and native[0] == 1 and python[2].startswith(b"<stdin>:5:")
    native, python = both("compile", "-", "--stdin-filename", "flows/w.py", stdin=BAD.encode())
    assert native == python and python[2].startswith(b"flows/w.py:5:")
    for f in sorted((CASES / "lint").glob("*/input.yaml"))[:5]:
        native, python = both("lint", f)
        assert native == python, f
    native, python = both("import", "-", stdin=(EXAMPLES / "hello_world.yaml").read_bytes())
    assert native == python and native[0] == 0 and b"class " in native[1]


def test_arguments_pass_through_byte_for_byte(tmp_path):
    """A file name that is not UTF-8 and holds an escape sequence reaches the
    native command as the same bytes (argv is re-encoded as it was decoded)."""
    path = tmp_path / os.fsdecode(b"w\xff\x1b[31m.py")
    path.write_text(BAD)
    native, python = both("compile", path)
    assert native == python and native[0] == 1 and b"\\xff" in native[2]
    native, python = both("compile", tmp_path / os.fsdecode(b"missing\xfe.py"))
    assert native == python and native[0] == 2


def test_same_files_written(tmp_path):
    outs = []
    for name, cmd in (("native", NATIVE), ("python", PYTHON)):
        out = tmp_path / name
        code, stdout, stderr = run(cmd, ["compile", EXAMPLES / "hello_world.py", EXAMPLES / "dag_diamond.py",
                                         "-o", f"{out}/"])
        assert code == 0, stderr
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1] and len(outs[0]) == 2


def test_check_and_diff_through_python_m_flowc(tmp_path):
    """--check and --diff (once only the native command's): exit 1 and the
    same diff while an output is missing, exit 0 once it is written."""
    src = tmp_path / "flows"
    src.mkdir()
    shutil.copy(EXAMPLES / "hello_world.py", src / "hello.py")
    native, python = both("compile", "flows", "--layout", "beside", "--diff", cwd=tmp_path)
    assert native == python and native[0] == 1
    assert b"+++ b/flows/hello.yaml" in python[1]
    assert not (src / "hello.yaml").exists()
    assert run(PYTHON, ["compile", "flows", "--layout", "beside", "-v"], cwd=tmp_path)[0] == 0
    native, python = both("compile", "flows", "--layout", "beside", "--check", cwd=tmp_path)
    assert native == python == (0, b"", b"")


def _bare_python(tmp_path: Path) -> Path:
    """A fresh virtual environment (no pip, no flowc executable) whose Python
    imports the installed flowc package from PYTHONPATH."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    return venv / "bin" / "python"


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE")}
    env.update(extra)
    return env


@pytest.mark.skipif(os.name != "posix", reason="a POSIX virtual environment's layout")
def test_not_found_is_a_clear_error_naming_where_it_looked(tmp_path):
    python = _bare_python(tmp_path)
    userbase = tmp_path / "userbase"
    env = _env(PYTHONPATH=str(PACKAGE.parent), PYTHONUSERBASE=str(userbase))
    code, out, err = run([python, "-m", "flowc"], ["compile", EXAMPLES / "hello_world.py"], env=env)
    venv_bin = python.parent
    looked = [str(venv_bin), str(userbase / "bin"), str(PACKAGE.parent / "bin")]  # the interpreter's folder is venv_bin
    assert code == 2 and out == b""
    assert err == ("flowc: error: the native flowc executable was not found; looked in " + ", ".join(looked)
                   + " (reinstall the package: pip install flowc)\n").encode()


@pytest.mark.skipif(os.name != "posix", reason="a POSIX virtual environment's layout")
def test_found_in_the_user_scheme_and_beside_a_target_install(tmp_path):
    """`pip install --user` puts flowc in the user scheme's scripts folder;
    `pip install --target DIR`, in DIR/bin beside DIR/flowc."""
    python = _bare_python(tmp_path)
    expected = run(NATIVE, ["compile", EXAMPLES / "hello_world.py"])
    assert expected[0] == 0
    userbase = tmp_path / "userbase"
    (userbase / "bin").mkdir(parents=True)
    (userbase / "bin" / "flowc").symlink_to(NATIVE[0])
    env = _env(PYTHONPATH=str(PACKAGE.parent), PYTHONUSERBASE=str(userbase))
    assert run([python, "-m", "flowc"], ["compile", EXAMPLES / "hello_world.py"], env=env) == expected
    target = tmp_path / "target"
    (target / "bin").mkdir(parents=True)
    (target / "flowc").symlink_to(PACKAGE, target_is_directory=True)
    (target / "bin" / "flowc").symlink_to(NATIVE[0])
    env = _env(PYTHONPATH=str(target), PYTHONUSERBASE=str(tmp_path / "nothing"))
    assert run([python, "-m", "flowc"], ["compile", EXAMPLES / "hello_world.py"], env=env) == expected


def test_the_scripts_folder_comes_first():
    from flowc.__main__ import find_flowc_bin, places
    assert places()[0] == sysconfig.get_path("scripts")
    assert find_flowc_bin() == NATIVE[0]
