"""The native `flowc` command's inputs and outputs (issue 13, items 1-3, 5 and
[tool.flowc] defaults): folders, globs, .gitignore, standard input with a
name, mirrored output folders, collisions, --check/--diff, non-regular
targets, I/O errors, project defaults, -q/-v, --help. Every test runs the
installed executable (conftest.FLOWC)."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess

import pytest
import yaml

from conftest import EXAMPLES, FLOWC

HELLO = (EXAMPLES / "hello_world.py").read_text()
HELLO_YAML = (EXAMPLES / "hello_world.yaml").read_text()
DIAMOND = (EXAMPLES / "dag_diamond.py").read_text()
DIAMOND_YAML = (EXAMPLES / "dag_diamond.yaml").read_text()


def run(*args, cwd=None, stdin=None, env=None):
    return subprocess.run([*FLOWC, *map(str, args)], capture_output=True, text=True, cwd=cwd, input=stdin, env=env)


def tree(root):
    """{relative path: text} of every file under root."""
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def src(tmp_path):
    """src/a/w.py and src/b/w.py (same base name), a helper without a workflow."""
    s = tmp_path / "src"
    (s / "a").mkdir(parents=True)
    (s / "b").mkdir()
    (s / "a" / "w.py").write_text(HELLO)
    (s / "b" / "w.py").write_text(DIAMOND)
    (s / "helper.py").write_text("X = 1\n")
    (s / "notes.txt").write_text("not python\n")
    return s


# --- inputs -----------------------------------------------------------------

def test_folder_is_walked_sorted_and_helpers_skipped_quietly(src):
    r = run("compile", src)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # helper.py: no W0001 in folder mode
    assert r.stdout == HELLO_YAML + "---\n" + DIAMOND_YAML


def test_a_helper_given_by_name_still_warns(src):
    r = run("compile", src / "helper.py")
    assert r.returncode == 0 and "W0001" in r.stderr


def test_helper_skipped_even_with_warnings_as_errors(src, tmp_path):
    r = run("compile", "-W", src, "-o", f"{tmp_path / 'out'}/")
    assert r.returncode == 0, r.stderr
    assert sorted(tree(tmp_path / "out")) == ["a/w.yaml", "b/w.yaml"]


def test_errors_in_a_folder_are_reported_and_the_good_files_written(src, tmp_path):
    (src / "a" / "bad.py").write_text(HELLO.replace("class HelloWorld", "class HelloWorld(", 1))
    r = run("compile", src, "-o", f"{tmp_path / 'out'}/")
    assert r.returncode == 1
    assert "a/bad.py:" in r.stderr and "error:" in r.stderr
    assert sorted(tree(tmp_path / "out")) == ["a/w.yaml", "b/w.yaml"]


def test_empty_folder_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    r = run("compile", tmp_path / "empty")
    assert r.returncode == 2 and "no file to compile in" in r.stderr


def test_include_and_exclude(src, tmp_path):
    r = run("compile", src, "--exclude", "b", "-o", f"{tmp_path / 'o1'}/")
    assert r.returncode == 0, r.stderr
    assert sorted(tree(tmp_path / "o1")) == ["a/w.yaml"]
    r = run("compile", src, "--exclude", "a/*", "-o", f"{tmp_path / 'o2'}/")  # a pattern with '/': path below src
    assert sorted(tree(tmp_path / "o2")) == ["b/w.yaml"]
    (src / "flows.wf").write_text(HELLO)
    r = run("compile", src, "--include", "*.wf", "-o", f"{tmp_path / 'o3'}/")
    assert r.returncode == 0, r.stderr
    assert tree(tmp_path / "o3") == {"flows.yaml": HELLO_YAML}
    # repeatable
    r = run("compile", src, "--include", "*.wf", "--include", "w.py", "--exclude", "b", "-o", f"{tmp_path / 'o4'}/")
    assert sorted(tree(tmp_path / "o4")) == ["a/w.yaml", "flows.yaml"]


def test_default_excludes(src):
    for d in (".venv", "__pycache__", "node_modules"):
        (src / d).mkdir()
        (src / d / "w.py").write_text("this is not python(\n")
    r = run("compile", src)
    assert r.returncode == 0, r.stderr


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to make a repository")
def test_gitignore_is_respected_in_a_repository(src, tmp_path):
    git("init", "-q", ".", cwd=tmp_path)
    (tmp_path / ".gitignore").write_text("src/b/\n*.tmp.py\n!keep.tmp.py\n")
    (src / "a" / "x.tmp.py").write_text("this is not python(\n")
    (src / "a" / "keep.tmp.py").write_text(DIAMOND)
    r = run("compile", src, "-o", f"{tmp_path / 'out'}/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(tree(tmp_path / "out")) == ["a/keep.tmp.yaml", "a/w.yaml"]
    # a nested .gitignore, as git reads it
    (src / "a" / ".gitignore").write_text("w.py\n")
    r = run("compile", src, "-o", f"{tmp_path / 'out2'}/", cwd=tmp_path)
    assert sorted(tree(tmp_path / "out2")) == ["a/keep.tmp.yaml"]
    # --no-gitignore takes everything; a file given by name is always compiled
    r = run("compile", src, "--no-gitignore", "--exclude", "*.tmp.py", "-o", f"{tmp_path / 'out3'}/")
    assert sorted(tree(tmp_path / "out3")) == ["a/w.yaml", "b/w.yaml"]
    r = run("compile", src / "b" / "w.py")
    assert r.returncode == 0 and r.stdout == DIAMOND_YAML


def test_gitignore_means_nothing_outside_a_repository(src, tmp_path):
    (tmp_path / ".gitignore").write_text("src/b/\n")
    r = run("compile", src, "-o", f"{tmp_path / 'out'}/")
    assert sorted(tree(tmp_path / "out")) == ["a/w.yaml", "b/w.yaml"]


def test_stdin_filename(tmp_path):
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "base.py").write_text(
        "from flowc.dsl import *\n\nclass Base(Workflow):\n    entrypoint = 'hello'\n\n"
        "    @template\n    def hello(self) -> V1Container:\n        return V1Container(image='alpine')\n")
    derived = "from base import Base\n\nclass Derived(Base):\n    pass\n"
    # Without a name, standard input has no folder: the base class is not found.
    r = run("compile", "-", stdin=derived)
    assert r.returncode == 0 and r.stdout == "" and r.stderr.startswith("<stdin>:1:1: warning:")
    # With one, diagnostics name it and base classes beside it are read.
    r = run("compile", "-", "--stdin-filename", flows / "derived.py", stdin=derived)
    assert r.returncode == 0, r.stderr
    assert yaml.safe_load(r.stdout)["spec"]["entrypoint"] == "hello"
    r = run("compile", "-", "--stdin-filename", "flows/x.py", stdin="class (\n", cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.startswith("flows/x.py:1:")
    # -o DIR/ names its output after it; its project's argo-version applies
    (tmp_path / "pyproject.toml").write_text('[tool.flowc]\nargo-version = "3.5"\n')
    cron = (EXAMPLES / "hello_world.py").read_text()
    r = run("compile", "-", "--stdin-filename", flows / "w.py", "-o", f"{tmp_path / 'out'}/", stdin=cron)
    assert r.returncode == 0, r.stderr
    assert tree(tmp_path / "out") == {"w.yaml": HELLO_YAML}
    r = run("compile", "-", "-", stdin="")
    assert r.returncode == 2


# --- outputs ----------------------------------------------------------------

def test_output_folder_mirrors_the_input_tree(src, tmp_path):
    out = tmp_path / "out"
    r = run("compile", src, "-o", f"{out}/")
    assert r.returncode == 0, r.stderr
    assert tree(out) == {"a/w.yaml": HELLO_YAML, "b/w.yaml": DIAMOND_YAML}
    # JSON: .json files; a file given by name goes to the top of the folder
    r = run("compile", "--format", "json", src, EXAMPLES / "hello_world.py", "-o", f"{tmp_path / 'j'}/")
    assert r.returncode == 0, r.stderr
    t = tree(tmp_path / "j")
    assert sorted(t) == ["a/w.json", "b/w.json", "hello_world.json"]
    assert json.loads(t["a/w.json"]) == yaml.safe_load(HELLO_YAML)


def test_collision_is_an_error_before_anything_is_written(src, tmp_path):
    out = tmp_path / "out"
    r = run("compile", src / "a" / "w.py", src / "b" / "w.py", "-o", f"{out}/")
    assert r.returncode == 2
    assert "would both be written to" in r.stderr and "w.yaml" in r.stderr
    assert not out.exists() or list(out.iterdir()) == []
    # a folder and a file that land on one path
    (tmp_path / "w.py").write_text(HELLO)
    r = run("compile", src, tmp_path / "w.py", "--exclude", "b", "-o", f"{out}/")
    assert r.returncode == 0  # w.yaml and a/w.yaml: no clash
    (src / "w.py").write_text(HELLO)
    r = run("compile", src, tmp_path / "w.py", "-o", f"{tmp_path}/out2/")
    assert r.returncode == 2 and "would both be written to" in r.stderr
    assert not (tmp_path / "out2").exists() or list((tmp_path / "out2").iterdir()) == []


PEAK = (EXAMPLES / "peak" / "auto_retry.py").read_text()  # the workflow 'new-workflow'


def test_peak_files_mirror_and_collide_by_workflow_name(tmp_path):
    s = tmp_path / "peaks"
    (s / "a").mkdir(parents=True)
    (s / "b").mkdir()
    (s / "a" / "w.py").write_text(PEAK)
    (s / "b" / "w.py").write_text(PEAK)
    r = run("compile", "--target", "peak", s, "-o", f"{tmp_path / 'p'}/")
    assert r.returncode == 0, r.stderr
    assert sorted(tree(tmp_path / "p")) == ["a/new-workflow.yaml", "b/new-workflow.yaml"]
    (s / "b" / "w2.py").write_text(PEAK)
    r = run("compile", "--target", "peak", s, "-o", f"{tmp_path / 'p2'}/")
    assert r.returncode == 2 and "two workflows are named 'new-workflow'" in r.stderr
    assert not (tmp_path / "p2").exists() or list((tmp_path / "p2").iterdir()) == []


def test_layout_beside(src):
    r = run("compile", src, "--layout", "beside")
    assert r.returncode == 0, r.stderr
    assert (src / "a" / "w.yaml").read_text() == HELLO_YAML
    assert (src / "b" / "w.yaml").read_text() == DIAMOND_YAML
    assert not (src / "helper.yaml").exists()
    r = run("compile", src, "--layout", "beside", "-o", "x.yaml")
    assert r.returncode == 2
    r = run("compile", "-", "--layout", "beside", stdin=HELLO)
    assert r.returncode == 2 and "--stdin-filename" in r.stderr


def test_check_both_ways_and_diff(src, tmp_path):
    out = tmp_path / "out"
    r = run("compile", src, "-o", f"{out}/", "--check")
    assert r.returncode == 1 and "would change" in r.stderr
    assert not out.exists()  # nothing written
    assert run("compile", src, "-o", f"{out}/").returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.yaml")}
    r = run("compile", src, "-o", f"{out}/", "--check")
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""
    # an output that is already right is not rewritten
    assert run("compile", src, "-o", f"{out}/").returncode == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.yaml")} == before
    stale = out / "a" / "w.yaml"
    stale.write_text(HELLO_YAML.replace("hello world", "hello moon"))
    r = run("compile", src, "-o", f"{out}/", "--check")
    assert r.returncode == 1 and f"would change: {stale}" in r.stderr and r.stdout == ""
    r = run("compile", src, "-o", f"{out}/", "--diff")
    assert r.returncode == 1
    assert r.stdout.startswith(f"--- a/{stale}\n+++ b/{stale}\n@@ ")
    assert "\n-      - hello moon\n+      - hello world\n" in r.stdout
    assert stale.read_text() != HELLO_YAML  # --diff writes nothing
    # the diff applies: `patch` turns the stale file into the compiled one
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", str(stale)], input=r.stdout, text=True, check=True)
        assert stale.read_text() == HELLO_YAML
    # a missing output is diffed against /dev/null
    (out / "b" / "w.yaml").unlink()
    r = run("compile", src, "-o", f"{out}/", "--diff")
    assert r.returncode == 1 and "--- /dev/null\n" in r.stdout
    # -q: no "would change" lines, same exit code
    r = run("compile", src, "-o", f"{out}/", "--check", "-q")
    assert r.returncode == 1 and r.stderr == ""


def test_check_of_a_single_output_file(tmp_path):
    out = tmp_path / "w.yaml"
    r = run("compile", EXAMPLES / "hello_world.py", "-o", out, "--check")
    assert r.returncode == 1 and not out.exists()
    out.write_text(HELLO_YAML)
    assert run("compile", EXAMPLES / "hello_world.py", "-o", out, "--check").returncode == 0
    r = run("compile", EXAMPLES / "hello_world.py", "--check")
    assert r.returncode == 2  # nothing to compare with


def test_dev_stdout_is_written_through(tmp_path):
    r = run("compile", EXAMPLES / "hello_world.py", "-o", "/dev/stdout")
    assert r.returncode == 0 and r.stdout == HELLO_YAML
    assert os.path.islink("/dev/stdout")  # still the link it was
    # standard output redirected to a file opened for appending (>>): the
    # process's own descriptor is written, so nothing is replaced or truncated
    log = tmp_path / "all.yaml"
    log.write_text("# first\n")
    for _ in range(2):
        with open(log, "a") as f:
            subprocess.run([*FLOWC, "compile", str(EXAMPLES / "hello_world.py"), "-o", "/dev/stdout"], stdout=f,
                           check=True)
    assert log.read_text() == "# first\n" + HELLO_YAML * 2
    # through a pipe, a FIFO
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    p = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    r = run("compile", EXAMPLES / "hello_world.py", "-o", fifo)
    assert r.returncode == 0, r.stderr
    assert p.communicate(timeout=30)[0] == HELLO_YAML
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_keeps_the_mode_and_links(tmp_path):
    out = tmp_path / "w.yaml"
    out.write_text("old\n")
    out.chmod(0o640)
    assert run("compile", EXAMPLES / "hello_world.py", "-o", out).returncode == 0
    assert out.read_text() == HELLO_YAML and stat.S_IMODE(out.stat().st_mode) == 0o640
    link = tmp_path / "link.yaml"
    link.symlink_to(out)
    out.write_text("old\n")
    assert run("compile", EXAMPLES / "hello_world.py", "-o", link).returncode == 0
    assert link.is_symlink() and out.read_text() == HELLO_YAML


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_io_error_names_the_output_not_the_temporary(tmp_path):  # pragma: no cover - not as root
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    r = run("compile", EXAMPLES / "hello_world.py", "-o", ro / "w.yaml")
    assert r.returncode == 2 and f"cannot write {ro / 'w.yaml'}" in r.stderr and ".flowc-" not in r.stderr


def test_io_error_names_the_output_path(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("keep\n")
    r = run("compile", EXAMPLES / "hello_world.py", "-o", blocker / "w.yaml")
    assert r.returncode == 2
    assert r.stderr == f"flowc: error: cannot write {blocker / 'w.yaml'}: Not a directory\n"
    r = run("compile", EXAMPLES / "hello_world.py", "-o", tmp_path / "missing" / "w.yaml")
    assert r.stderr == f"flowc: error: cannot write {tmp_path / 'missing' / 'w.yaml'}: No such file or directory\n"
    assert ".flowc-" not in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


# --- [tool.flowc] ------------------------------------------------------------

def test_pyproject_defaults(src, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.flowc]\nformat = "json"\noutput = "gen/"\nexclude = ["b"]\n')
    r = run("compile", "src", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(tree(tmp_path / "gen")) == ["a/w.json"]
    # the command line wins
    r = run("compile", "src", "--format", "yaml", "--exclude", "nothing", "-o", "-", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == HELLO_YAML + "---\n" + DIAMOND_YAML
    # from a folder below the project, paths stay relative to the project
    r = run("compile", "../src", "--check", cwd=src)
    assert r.returncode == 0, r.stderr


def test_pyproject_target_layout_include(src, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.flowc]\ntarget = "peak"\nlayout = "beside"\ninclude = ["p.py"]\n')
    (src / "a" / "p.py").write_text(PEAK)
    r = run("compile", "src", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert sorted(tree(src)) == ["a/new-workflow.yaml", "a/p.py", "a/w.py", "b/w.py", "helper.py", "notes.txt"]
    r = run("compile", "src", "--check", cwd=tmp_path)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("text, words", [
    ('[tool.flowc]\ntarget = "k8s"\n', "target = 'k8s' is not one of argo, peak"),
    ('[tool.flowc]\nlayout = 3\n', "layout = 3 must be a string"),
    ('[tool.flowc]\ninclude = "*.py"\n', "include must be a list of strings"),
    ('[tool.flowc]\nargo-version = 3.5\n', "argo-version = 3.5 is not a version flowc writes for"),
    ('[tool.flowc\n', "cannot read it"),
])
def test_bad_pyproject_settings_are_errors(tmp_path, text, words):
    (tmp_path / "pyproject.toml").write_text(text)
    (tmp_path / "w.py").write_text(HELLO)
    r = run("compile", "w.py", cwd=tmp_path)
    assert r.returncode == 1 and words in r.stderr and "[E0054]" in r.stderr and r.stdout == ""


# --- messages ---------------------------------------------------------------

@pytest.mark.parametrize("command", ["compile", "lint", "graph", "import"])
def test_help_documents_exit_codes_and_examples(command):
    r = run(command, "--help")
    assert r.returncode == 0 and r.stderr == ""
    assert "Exit codes:" in r.stdout and "Examples:" in r.stdout
    assert f"flowc {command}" in r.stdout
    assert "-q,--quiet" in r.stdout and "-v,--verbose" in r.stdout


def test_top_level_help_and_unknown_command():
    r = run("--help")
    assert r.returncode == 0 and all(c in r.stdout for c in ("compile", "lint", "graph", "import"))
    r = run("frobnicate")
    assert r.returncode == 2 and "invalid choice: 'frobnicate'" in r.stderr
    r = run()
    assert r.returncode == 2 and "usage: flowc" in r.stderr


def test_quiet_and_verbose(src, tmp_path):
    r = run("compile", "-q", EXAMPLES / "artifacts.py")
    assert r.returncode == 0 and r.stderr == ""  # the warning is not shown
    bad = tmp_path / "bad.py"
    bad.write_text("class (\n")
    r = run("compile", "-q", bad)
    assert r.returncode == 1 and "error:" in r.stderr  # errors are
    r = run("compile", "-v", src, "-o", f"{tmp_path / 'out'}/")
    assert r.returncode == 0
    assert f"flowc: skipped {src / 'helper.py'}: no workflow class" in r.stderr
    assert f"flowc: wrote {tmp_path / 'out' / 'a' / 'w.yaml'}" in r.stderr
    r = run("compile", "-v", src, "-o", f"{tmp_path / 'out'}/")
    assert f"flowc: unchanged: {tmp_path / 'out' / 'a' / 'w.yaml'}" in r.stderr


def test_outputs_no_input_writes_are_kept_and_named_with_v(src, tmp_path):
    """A workflow file renamed: its old YAML stays in DIR (it may be the
    user's own), --check does not count it, and -v names it."""
    out = tmp_path / "out"
    assert run("compile", src, "-o", f"{out}/").returncode == 0
    (src / "a" / "w.py").rename(src / "a" / "renamed.py")
    (out / "notes.txt").write_text("mine\n")
    r = run("compile", src, "-o", f"{out}/")
    assert (r.returncode, r.stderr) == (0, "")
    assert sorted(tree(out)) == ["a/renamed.yaml", "a/w.yaml", "b/w.yaml", "notes.txt"]
    r = run("compile", "--check", "-v", src, "-o", f"{out}/")
    assert r.returncode == 0, r.stderr
    named = [line for line in r.stderr.splitlines() if "no input writes" in line]
    assert named == [f"flowc: no input writes {out / 'a' / 'w.yaml'}; left as it is"]
    r = run("compile", "--check", src, "-o", f"{out}/")
    assert (r.returncode, r.stderr) == (0, "")
    assert (out / "a" / "w.yaml").read_text() == HELLO_YAML


def test_import_mirrors_folders(tmp_path):
    yamls = tmp_path / "y"
    (yamls / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLES / "hello_world.yaml", yamls / "sub" / "hello.yaml")
    shutil.copy(EXAMPLES / "dag_diamond.yaml", yamls / "diamond.yml")
    r = run("import", yamls, "-o", f"{tmp_path / 'py'}/")
    assert r.returncode == 0, r.stderr
    assert sorted(tree(tmp_path / "py")) == ["diamond.py", "sub/hello.py"]
    r = run("compile", tmp_path / "py" / "sub" / "hello.py")
    assert yaml.safe_load(r.stdout) == yaml.safe_load(HELLO_YAML)


def test_lint_walks_folders(tmp_path):
    d = tmp_path / "manifests"
    (d / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLES / "hello_world.yaml", d / "hello.yaml")
    (d / "sub" / "bad.yml").write_text(HELLO_YAML.replace("entrypoint: whalesay", "entrypoint: nope"))
    (d / "notes.txt").write_text("not yaml: [\n")
    r = run("lint", d)
    assert r.returncode == 1
    assert r.stderr.startswith(f"{d / 'sub' / 'bad.yml'}:") and "nope" in r.stderr
    (d / "sub" / "bad.yml").unlink()
    assert run("lint", d).returncode == 0
    (tmp_path / "empty").mkdir()
    assert run("lint", tmp_path / "empty").returncode == 2
