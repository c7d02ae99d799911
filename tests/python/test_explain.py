"""`flowc explain CODE`: the code's section of docs/diagnostics.md, from the
page embedded in the build; an unknown code is an error with exit code 2."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

DOC = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")


def sections() -> dict:
    """code -> its section, read here independently of the core: from the
    "### CODE: title" heading to the next heading outside a code fence."""
    out, code, lines, fence = {}, None, [], False
    for line in DOC.splitlines(keepends=True):
        if line.startswith("```"):
            fence = not fence
        if not fence and (line.startswith("## ") or line.startswith("### ")):
            if code:
                out[code] = "".join(lines).rstrip("\n") + "\n"
            m = re.match(r"### ([EW]\d{4}): ", line)
            code, lines = (m.group(1), [line]) if m else (None, [])
            continue
        if code:
            lines.append(line)
    if code:
        out[code] = "".join(lines).rstrip("\n") + "\n"
    return out


SECTIONS = sections()


def flowc(*args):
    exe = os.path.join(os.path.dirname(sys.executable), "flowc")
    return subprocess.run([exe, *args], capture_output=True, text=True, encoding="utf-8")


def test_the_page_lists_codes():
    assert len(SECTIONS) > 100
    assert "E0302" in SECTIONS and "W0201" in SECTIONS and "E1091" in SECTIONS


@pytest.mark.parametrize("code", sorted(SECTIONS))
def test_explain_prints_the_section(code):
    r = flowc("explain", code)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert r.stdout == SECTIONS[code]


def test_explain_e0302_shows_its_example():
    r = flowc("explain", "e0302")  # any case
    assert r.returncode == 0
    assert r.stdout.startswith("### E0302: unknown dependency\n")
    assert "task 'b' depends on unknown task 'A' [E0302]" in r.stdout
    assert "### E0303" not in r.stdout


@pytest.mark.parametrize("code", ["E9999", "E03", "bogus", "", "Exit codes"])
def test_unknown_code_is_a_clear_error(code):
    r = flowc("explain", code)
    assert r.returncode == 2
    assert r.stdout == ""
    assert "unknown diagnostic code" in r.stderr


def test_python_m_flowc_explain():
    r = subprocess.run([sys.executable, "-m", "flowc", "explain", "W0201"], capture_output=True, text=True,
                       encoding="utf-8")
    assert r.returncode == 0 and r.stdout == SECTIONS["W0201"]
    import flowc as package
    assert package._core.explain("W0201") == SECTIONS["W0201"]
    assert package._core.explain("E9999") is None
    assert package._core.documented_codes() == list(SECTIONS)
