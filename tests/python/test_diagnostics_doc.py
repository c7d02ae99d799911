"""docs/diagnostics.md lists every diagnostic code the compiler can report,
and each example there still reports its code."""
from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import gen_diagnostics_doc as gen  # noqa: E402

DOC = (ROOT / "docs" / "diagnostics.md").read_text()
CODE = re.compile(r'"([EW]\d{4})"')


def codes_in_source() -> dict:
    """Every "E1234" / "W1234" literal in compiler/ and python/flowc, with where."""
    found = {}
    for folder, pattern in (("compiler", "*.[ch]*"), ("python/flowc", "*.py")):
        for path in sorted((ROOT / folder).rglob(pattern)):
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                for code in CODE.findall(line):
                    found.setdefault(code, f"{path.relative_to(ROOT)}:{n}")
    return found


def test_every_code_is_documented():
    documented = set(re.findall(r"^### ([EW]\d{4})", DOC, re.M))
    used = codes_in_source()
    assert len(used) > 20
    missing = {c: where for c, where in used.items() if c not in documented}
    assert not missing, (
        f"diagnostic codes used but not listed in docs/diagnostics.md: {missing}; add a '### CODE: title' "
        "section (with an example), then run scripts/gen_diagnostics_doc.py")


def test_no_stale_codes_in_doc():
    documented = re.findall(r"^### ([EW]\d{4})", DOC, re.M)
    assert len(documented) == len(set(documented)), "a code is listed twice"
    stale = set(documented) - set(codes_in_source())
    assert not stale, f"docs/diagnostics.md lists codes the compiler no longer reports: {sorted(stale)}"


EXAMPLES = list(gen.examples(DOC))


def test_there_are_examples():
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize("code,opts,src,shown", [e[:4] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_example_reports_its_code(code, opts, src, shown):
    diags = gen.run(src, opts)
    assert code in {d.code for d in diags}, "".join(str(d) for d in diags)
    assert f"[{code}]" in shown, "run scripts/gen_diagnostics_doc.py to fill in the example's output"
