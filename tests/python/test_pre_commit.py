"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit
(`pre-commit try-repo` this repository) in a temporary git repository: a
commit with a good workflow passes, a bad one fails with the diagnostic."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BROKEN_WORKFLOW, EXAMPLES, ROOT

BAD_WORKFLOW = BROKEN_WORKFLOW


def _env(home: Path | None = None) -> dict:
    """pre-commit and the `flowc` it runs (language: system) from this
    environment; git with an identity of its own (try-repo commits the
    uncommitted changes of this repository into a shadow copy)."""
    bin_dir = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    for who in ("AUTHOR", "COMMITTER"):
        env[f"GIT_{who}_NAME"] = "flowc tests"
        env[f"GIT_{who}_EMAIL"] = "tests@flowc.invalid"
    if home is not None:  # pre-commit's log and cache, kept out of the user's home
        env["PRE_COMMIT_HOME"] = str(home)
    return env


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=_env(), check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    r = tmp_path / "project"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    (r / "README.md").write_text("workflows\n")
    _git(r, "add", "-A")
    _git(r, "commit", "-q", "-m", "start")
    return r


def _commit(repo: Path, files: dict) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "change")


def try_repo(repo: Path, hook: str, *args: str) -> subprocess.CompletedProcess:
    """Runs one hook of this repository's manifest on the files of the last commit."""
    pre_commit = shutil.which("pre-commit", path=os.path.dirname(sys.executable)) or "pre-commit"
    return subprocess.run([pre_commit, "try-repo", str(ROOT), hook, "--from-ref", "HEAD~1", "--to-ref", "HEAD", *args],
                          cwd=repo, env=_env(repo.parent / "pre-commit-home"), capture_output=True, text=True,
                          timeout=300)


def test_manifest_is_valid_for_pre_commit():
    pre_commit = shutil.which("pre-commit", path=os.path.dirname(sys.executable))
    r = subprocess.run([pre_commit, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_flowc_compile_hook_passes_a_good_workflow(repo):
    _commit(repo, {"flows/hello.py": (EXAMPLES / "hello_world.py").read_text(), "notes.txt": "not python\n"})
    r = try_repo(repo, "flowc-compile")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "flowc compile" in r.stdout and "Passed" in r.stdout


def test_flowc_compile_hook_fails_a_bad_workflow_with_the_diagnostic(repo):
    _commit(repo, {"flows/hello.py": (EXAMPLES / "hello_world.py").read_text(), "flows/broken.py": BAD_WORKFLOW})
    r = try_repo(repo, "flowc-compile")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Failed" in r.stdout
    assert "flows/broken.py:5:20: error: task 'a' depends on unknown task 'nope' [E0302]" in r.stdout


def _compiled(path: Path) -> str:
    r = subprocess.run([sys.executable, "-m", "flowc", "compile", str(path)], capture_output=True, text=True, check=True)
    return r.stdout


def test_flowc_lint_hook(repo):
    good = _compiled(EXAMPLES / "hello_world.py")
    _commit(repo, {"deploy/hello.yaml": good})
    r = try_repo(repo, "flowc-lint")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "flowc lint" in r.stdout and "Passed" in r.stdout

    bad = good.replace("entrypoint: whalesay", "entrypoint: whalesya")
    assert bad != good
    _commit(repo, {"deploy/hello.yaml": bad})
    r = try_repo(repo, "flowc-lint")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "deploy/hello.yaml:" in r.stdout and "whalesya" in r.stdout and "error:" in r.stdout


def _has_check() -> bool:
    r = subprocess.run(["flowc", "compile", "--help"], env=_env(), capture_output=True, text=True)
    return "--check" in r.stdout


def test_flowc_check_hook(repo):
    """--check with the YAML committed beside the Python (the hook's default args)."""
    if not _has_check():
        pytest.skip("this flowc has no `compile --check`")
    hello = (EXAMPLES / "hello_world.py").read_text()
    _commit(repo, {"flows/hello.py": hello, "flows/hello.yaml": _compiled(EXAMPLES / "hello_world.py")})
    r = try_repo(repo, "flowc-check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout
    _commit(repo, {"flows/hello.py": hello.replace("hello world", "hello there")})  # the YAML is now stale
    r = try_repo(repo, "flowc-check")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "would change: flows/hello.yaml" in r.stdout
