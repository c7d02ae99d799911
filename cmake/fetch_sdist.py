#!/usr/bin/env python3
"""Fetch a pinned source distribution from the Python package index and unpack it.

Used by CMake at configure time for the two C sources flowc compiles but does
not keep in its tree: the tree-sitter runtime (carried by the `tree-sitter`
sdist) and the Python grammar (the `tree-sitter-python` sdist). The archive is
downloaded with pip (the ordinary client for that registry), its SHA-256 is
checked against the pin, and it is unpacked into DEST.

    fetch_sdist.py NAME VERSION SHA256 DEST

Downloads are cached in $FLOWC_DEPS_CACHE (default ~/.cache/flowc/deps), so a
rebuild does not touch the network.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def pip_command() -> list[str]:
    # Inside pip's isolated build environment `import pip` may not work for
    # this interpreter; fall back to a pip found on PATH or a plain python3.
    candidates = [[sys.executable, "-m", "pip"]]
    for exe in ("pip3", "pip"):
        found = shutil.which(exe)
        if found:
            candidates.append([found])
    py3 = shutil.which("python3")
    if py3:
        candidates.append([py3, "-m", "pip"])
    env = clean_env()
    for cand in candidates:
        if subprocess.run(cand + ["--version"], capture_output=True, env=env).returncode == 0:
            return cand
    sys.exit("fetch_sdist: no working pip found to download source distributions")


def clean_env() -> dict:
    env = dict(os.environ)
    for key in ("PYTHONPATH", "PYTHONNOUSERSITE", "PYTHONHOME"):
        env.pop(key, None)
    return env


def main() -> int:
    name, version, want, dest = sys.argv[1:5]
    dest = Path(dest)
    stamp = dest / ".flowc-sdist"
    if stamp.exists() and stamp.read_text() == f"{name}=={version} {want}\n":
        return 0
    cache = Path(os.environ.get("FLOWC_DEPS_CACHE", Path.home() / ".cache" / "flowc" / "deps"))
    cache.mkdir(parents=True, exist_ok=True)
    archive = cache / f"{name.replace('-', '_')}-{version}.tar.gz"
    if not archive.exists() or sha256(archive) != want:
        with tempfile.TemporaryDirectory() as tmp:
            cmd = pip_command() + ["download", "--no-deps", "--no-binary", ":all:",
                                   "--disable-pip-version-check", "-d", tmp, f"{name}=={version}"]
            r = subprocess.run(cmd, env=clean_env(), capture_output=True, text=True)
            if r.returncode != 0:
                sys.stderr.write(r.stdout + r.stderr)
                sys.exit(f"fetch_sdist: could not download {name}=={version}")
            got = [p for p in Path(tmp).iterdir() if p.name.endswith(".tar.gz")]
            if len(got) != 1:
                sys.exit(f"fetch_sdist: expected one .tar.gz for {name}=={version}, got {got}")
            shutil.move(str(got[0]), archive)
    have = sha256(archive)
    if have != want:
        archive.unlink()
        sys.exit(f"fetch_sdist: checksum mismatch for {name}=={version}: {have} != {want}")
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        extract(tar, dest)
    stamp.write_text(f"{name}=={version} {want}\n")
    return 0


def extract(tar: tarfile.TarFile, dest: Path) -> None:
    """Extracts only regular files and folders inside `dest`. tarfile's own
    `filter="data"` does this, but Pythons before 3.11.4 (Debian 12's 3.11.2)
    lack it; the archive's checksum is already verified, this guards anyway."""
    if hasattr(tarfile, "data_filter"):
        tar.extractall(dest, filter="data")
        return
    root = dest.resolve()
    members = []
    for m in tar.getmembers():
        target = (dest / m.name).resolve()
        if not (m.isfile() or m.isdir()) or (target != root and root not in target.parents):
            sys.exit(f"fetch_sdist: refusing archive member {m.name!r}")
        members.append(m)
    tar.extractall(dest, members=members)


if __name__ == "__main__":
    sys.exit(main())
