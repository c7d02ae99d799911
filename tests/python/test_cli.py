"""The flowc command: outputs, exit codes, and nothing lost on error."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from conftest import BROKEN_WORKFLOW, EXAMPLES, FLOWC

GOOD = EXAMPLES / "hello_world.py"
BAD_SRC = BROKEN_WORKFLOW


def flowc_cli(*args, cwd=None, stdin=None):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin)


def test_version_and_help():
    import flowc
    r = flowc_cli("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"flowc {flowc.__version__}"
    r = flowc_cli("compile", "--help")
    assert r.returncode == 0 and "--target" in r.stdout and "--format" in r.stdout


def test_usage_errors_exit_2(tmp_path):
    assert flowc_cli().returncode == 2
    assert flowc_cli("compile").returncode == 2
    assert flowc_cli("compile", "--format", "toml", GOOD).returncode == 2
    r = flowc_cli("compile", tmp_path / "missing.py")
    assert r.returncode == 2 and "cannot read" in r.stderr


def test_compile_error_exit_1_with_clang_style_message(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(BAD_SRC)
    r = flowc_cli("compile", bad)
    assert r.returncode == 1
    assert r.stdout == ""
    assert r.stderr == (
        f"{bad}:5:20: error: task 'a' depends on unknown task 'nope' [E0302]\n"
        '    @dependencies(["nope"])\n'
        "                   ^~~~~~\n"
    )


def test_json_format():
    r = flowc_cli("compile", "--format", "json", GOOD)
    assert r.returncode == 0
    assert json.loads(r.stdout) == yaml.safe_load((EXAMPLES / "hello_world.yaml").read_text())


def test_several_files_are_separated_documents():
    r = flowc_cli("compile", GOOD, EXAMPLES / "dag_diamond.py")
    assert r.returncode == 0
    docs = list(yaml.safe_load_all(r.stdout))
    assert [d["metadata"]["generateName"] for d in docs] == ["hello-world-", "dag-diamond-"]


def test_output_file_is_written_and_not_touched_on_error(tmp_path):
    out = tmp_path / "out.yaml"
    assert flowc_cli("compile", GOOD, "-o", out).returncode == 0
    assert out.read_text() == (EXAMPLES / "hello_world.yaml").read_text()
    out.write_text("precious\n")
    bad = tmp_path / "bad.py"
    bad.write_text(BAD_SRC)
    r = flowc_cli("compile", GOOD, bad, "-o", out)
    assert r.returncode == 1
    assert out.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.py", "out.yaml"]  # no temporary left


def test_batch_into_directory_compiles_the_good_files(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(BAD_SRC)
    outdir = tmp_path / "out"
    r = flowc_cli("compile", GOOD, bad, EXAMPLES / "dag_diamond.py", "-o", f"{outdir}/")
    assert r.returncode == 1
    assert sorted(p.name for p in outdir.iterdir()) == ["dag_diamond.yaml", "hello_world.yaml"]
    assert "unknown task 'nope'" in r.stderr


def test_stdin():
    r = flowc_cli("compile", "-", stdin=GOOD.read_text())
    assert r.returncode == 0
    assert r.stdout == (EXAMPLES / "hello_world.yaml").read_text()


def test_warnings_as_errors():
    r = flowc_cli("compile", EXAMPLES / "artifacts.py")
    assert r.returncode == 0 and "warning:" in r.stderr
    r = flowc_cli("compile", "-W", EXAMPLES / "artifacts.py")
    assert r.returncode == 1 and "error:" in r.stderr and r.stdout == ""


def test_same_bytes_from_any_directory_and_hash_seed(tmp_path):
    outs = set()
    for seed, cwd in (("0", None), ("1", tmp_path), ("12345", "/")):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([*FLOWC, "compile", str(EXAMPLES / "scripts_python.py")],
                           capture_output=True, cwd=cwd, env=env)
        assert r.returncode == 0
        outs.add(r.stdout)
    assert len(outs) == 1


# -- an output never replaces an input ---------------------------------------------

HELLO = EXAMPLES / "hello_world.py"
HELLO_YAML = (
    "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: h-}\nspec:\n  entrypoint: main\n"
    "  templates:\n  - name: main\n    container: {image: alpine, command: [echo, hi]}\n"
)


@pytest.mark.parametrize(
    "command, source, output",
    [
        (["compile", "w.py", "-o", "w.py"], "w.py", "w.py"),
        (["compile", "w.py", "-o", "./link.py"], "w.py", "link.py"),  # another name of the same file
        (["compile", "w.py", "--diagnostics-output", "w.py"], "w.py", "w.py"),  # opened before the input is read
        (["compile", "flows/", "--diagnostics-output", "flows/w.py"], "flows/w.py", "flows/w.py"),
        (["graph", "w.py", "-o", "w.py"], "w.py", "w.py"),
        (["lint", "w.yaml", "--diagnostics-output", "w.yaml"], "w.yaml", "w.yaml"),
        (["import", "w.yaml", "-o", "w.yaml"], "w.yaml", "w.yaml"),
        (["run", "w.yaml", "--report", "w.yaml"], "w.yaml", "w.yaml"),
    ],
    ids=["compile-o", "compile-link", "compile-diag", "compile-folder", "graph", "lint", "import", "run-report"],
)
def test_an_output_naming_an_input_is_refused_and_the_input_kept(tmp_path, command, source, output):
    """`flowc compile w.py -o w.py` used to replace the user's Python with
    YAML (and --diagnostics-output emptied it before reading it)."""
    (tmp_path / "flows").mkdir()
    for name in ("w.py", "flows/w.py"):
        (tmp_path / name).write_text(HELLO.read_text())
    (tmp_path / "w.yaml").write_text(HELLO_YAML)
    (tmp_path / "link.py").symlink_to("w.py")
    before = (tmp_path / source).read_bytes()
    r = flowc_cli(*command, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert f"error: the output {output if output != 'link.py' else './link.py'} is" in r.stderr, r.stderr
    assert "nothing was written" in r.stderr, r.stderr
    assert (tmp_path / source).read_bytes() == before
