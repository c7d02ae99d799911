"""`python -m flowc`: runs the native `flowc` command (compiler/cli) that
`pip install .` put beside this package, with the same arguments, so there
is one command line, not two that drift apart. As `python -m ruff` does, the
executable is looked for where pip installs scripts: the scripts folder of
this interpreter's scheme, of the user scheme (`pip install --user`), the
`bin` folder beside the package (`pip install --target DIR`), and the folder
of the interpreter itself.
"""
from __future__ import annotations

import os
import sys
import sysconfig
from typing import List, Optional

EXIT_USAGE = 2  # flowc's exit code for usage and I/O errors


def _user_scripts() -> Optional[str]:
    try:
        scheme = sysconfig.get_preferred_scheme("user")
        return sysconfig.get_path("scripts", scheme=scheme)
    except (KeyError, AttributeError):  # no user scheme on this interpreter
        return None


def places() -> List[str]:
    """The folders looked in, in order, each once."""
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = [sysconfig.get_path("scripts"), _user_scripts(), os.path.join(package_parent, "bin"),
             os.path.dirname(os.path.abspath(sys.executable)) if sys.executable else None]
    out: List[str] = []
    for p in found:
        if p and p not in out:
            out.append(p)
    return out


def find_flowc_bin() -> Optional[str]:
    """The path of the native flowc executable, or None."""
    name = "flowc" + (sysconfig.get_config_var("EXE") or "")
    for folder in places():
        path = os.path.join(folder, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def main() -> int:
    exe = find_flowc_bin()
    if exe is None:
        sys.stderr.write("flowc: error: the native flowc executable was not found; looked in "
                         + ", ".join(places()) + " (reinstall the package: pip install flowc)\n")
        return EXIT_USAGE
    argv = [exe, *sys.argv[1:]]
    if os.name == "posix":  # the process becomes flowc: same pid, signals, exit code
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            os.execv(exe, argv)
        except OSError as e:  # not runnable (a wrong architecture, no permission)
            return _cannot_run(exe, e)
    import subprocess
    try:
        return subprocess.run(argv).returncode
    except OSError as e:
        return _cannot_run(exe, e)
    except KeyboardInterrupt:  # the child saw Ctrl-C too and reports it itself
        return 130


def _cannot_run(exe: str, e: OSError) -> int:
    sys.stderr.write(f"flowc: error: cannot run {exe}: {e.strerror or e}\n")
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
