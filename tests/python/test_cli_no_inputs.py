"""Nothing silent (issue 20, item 7): when the inputs given on the command line
yield no file to read (all ignored by git, all excluded, or a folder with no
*.py / *.yaml), compile, lint and import say so on standard error and exit 2
(docs/cli.md, each command's --help); graph, which draws one file, says a
folder is not one. `-v` names each file and folder skipped, and why. Run
through the native command, and `python -m flowc` gives the same bytes.
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLES, installed_flowc

NATIVE = [installed_flowc()]
PYTHON = [sys.executable, "-m", "flowc"]
HELLO = (EXAMPLES / "hello_world.py").read_text()
HELLO_YAML = (EXAMPLES / "hello_world.yaml").read_text()

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git to make a repository")


def run(*args, cwd, cmd=NATIVE):
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=60)


def both(*args, cwd):
    """The native command's result, checked equal to python -m flowc's."""
    a, b = run(*args, cwd=cwd), run(*args, cwd=cwd, cmd=PYTHON)
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)
    return a


def git_repo(path):
    subprocess.run(["git", "init", "-q", "."], cwd=path, check=True, capture_output=True)


@pytest.fixture
def ignored(tmp_path):
    """A repository whose .gitignore ignores every file under flows/."""
    git_repo(tmp_path)
    (tmp_path / ".gitignore").write_text("*.yaml\n*.py\n")
    flows = tmp_path / "flows"
    (flows / "sub").mkdir(parents=True)
    (flows / "a.yaml").write_text(HELLO_YAML)
    (flows / "sub" / "b.yaml").write_text(HELLO_YAML)
    (flows / "w.py").write_text(HELLO)
    return tmp_path


@needs_git
def test_import_of_ignored_files_says_so(ignored):
    r = both("import", "flows/", "-o", "out/", cwd=ignored)
    assert r.returncode == 2
    assert r.stderr == ("flowc: error: no YAML file to import in flows/ (looked for *.yaml, *.yml, not excluded "
                        "and not ignored by git; -v lists what was skipped)\n")
    assert r.stdout == ""
    assert not (ignored / "out").exists()


@needs_git
def test_verbose_names_what_was_skipped_and_why(ignored):
    r = both("import", "-v", "flows", "-o", "out/", cwd=ignored)
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert lines == [
        "flowc: skipped flows/a.yaml: ignored by git",
        "flowc: skipped flows/sub/b.yaml: ignored by git",
        "flowc: skipped flows/w.py: not *.yaml, *.yml",
        "flowc: error: no YAML file to import in flows (looked for *.yaml, *.yml, not excluded and not ignored "
        "by git)",
    ]


@needs_git
@pytest.mark.parametrize("command, what", [
    ("compile", "file to compile"),
    ("lint", "YAML file to lint"),
    ("import", "YAML file to import"),
])
def test_every_command_says_so(ignored, command, what):
    r = both(command, "flows", cwd=ignored)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith(f"flowc: error: no {what} in flows (looked for ")
    if command == "compile":  # --no-gitignore takes the files: the same command then reads them
        r = both(command, "--no-gitignore", "flows", cwd=ignored)
        assert r.returncode == 0 and "no " + what not in r.stderr


def test_a_folder_without_such_files(tmp_path):
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "README.md").write_text("notes\n")
    (tmp_path / "flows" / ".venv").mkdir()
    (tmp_path / "flows" / ".venv" / "w.py").write_text(HELLO)
    r = both("compile", "-v", "flows", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines() == [
        "flowc: skipped flows/.venv/: excluded by default",
        "flowc: skipped flows/README.md: not *.py",
        # not in a repository: no git rule applies, and the message says so only by its patterns
        "flowc: error: no file to compile in flows (looked for *.py, not excluded and not ignored by git)",
    ]


def test_all_excluded(tmp_path):
    (tmp_path / "flows" / "legacy").mkdir(parents=True)
    (tmp_path / "flows" / "legacy" / "w.py").write_text(HELLO)
    (tmp_path / "flows" / "x.py").write_text(HELLO)
    r = both("compile", "-v", "--exclude", "legacy", "--exclude", "x.py", "flows", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines()[:2] == [
        "flowc: skipped flows/legacy/: excluded by --exclude legacy",
        "flowc: skipped flows/x.py: excluded by --exclude x.py",
    ]
    assert "no file to compile in flows" in r.stderr


def test_skipped_files_are_named_with_v_when_others_compile(tmp_path):
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "w.py").write_text(HELLO)
    (tmp_path / "flows" / "notes.txt").write_text("x\n")
    # (native only: a second run would find the first one's cache and say so)
    r = run("compile", "-v", "flows", "-o", "out/", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "flowc: skipped flows/notes.txt: not *.py" in r.stderr.splitlines()
    # Without -v nothing about skipping is said.
    r = run("compile", "flows", "-o", "out2/", cwd=tmp_path)
    assert r.returncode == 0 and "skipped" not in r.stderr


def test_graph_of_a_folder(tmp_path):
    (tmp_path / "flows").mkdir()
    r = both("graph", "flows", cwd=tmp_path)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "flowc: error: no file to draw: flows is a folder; flowc graph draws one .py file\n"


@pytest.mark.parametrize("command", ["compile", "lint", "import", "graph"])
def test_help_documents_the_exit_code(command, tmp_path):
    r = run(command, "--help", cwd=tmp_path)
    assert r.returncode == 0
    assert "a folder" in r.stdout.split("Exit codes:")[1].split("Examples:")[0]
