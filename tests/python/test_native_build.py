"""How the installed native `flowc` was built: what the benchmark's numbers rest on."""
from __future__ import annotations

import os
import subprocess

from conftest import EXAMPLES, FLOWC


def test_executable_allocates_with_mimalloc():
    """compiler/cli/CMakeLists.txt links mimalloc to replace malloc in the
    executable; a linker that dropped the library would lose that silently.
    mimalloc prints its heap statistics at exit when MIMALLOC_SHOW_STATS is
    set, which glibc's malloc ignores."""
    env = dict(os.environ, MIMALLOC_SHOW_STATS="1")
    r = subprocess.run([*FLOWC, "compile", "--no-cache", str(EXAMPLES / "hello_world.py")],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert "heap stats" in r.stderr
    plain = subprocess.run([*FLOWC, "compile", "--no-cache", str(EXAMPLES / "hello_world.py")],
                           capture_output=True, text=True)
    assert plain.stdout == r.stdout and plain.stderr == ""
