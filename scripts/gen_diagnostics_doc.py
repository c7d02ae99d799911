#!/usr/bin/env python3
"""Fills in the example outputs of docs/diagnostics.md.

Each "```python example" block (under a "### CODE: title" heading) is compiled
with flowc as the file w.py (options after "example": target=peak,
argo-version=3.5, for both kinds); each "```yaml example" block is read as the file
w.yaml: imported with `flowc import` for the import codes (E10xx, W10xx),
linted with `flowc lint` for the others; the "```text" block right after it is replaced
with what flowc prints. Run after changing a message; read the diff.
tests/python/test_diagnostics_doc.py checks the doc against the compiler.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "diagnostics.md"

EXAMPLE = re.compile(
    r"^### (?P<code>[EW]\d{4})[^\n]*\n(?:(?!^### ).*\n)*?"
    r"```(?P<lang>python|yaml) example(?P<opts>[^\n]*)\n(?P<src>(?:(?!```).*\n)*)```\n\n```text\n(?P<out>(?:(?!```).*\n)*)```",
    re.M,
)


def examples(text: str):
    """(code, options, source, shown output, match) for each example."""
    for m in EXAMPLE.finditer(text):
        opts = dict(o.split("=", 1) for o in m.group("opts").split() if "=" in o)
        opts["lang"] = m.group("lang")
        opts["code"] = m.group("code")
        yield m.group("code"), opts, m.group("src"), m.group("out"), m


def run(source: str, opts: dict) -> list:
    """The diagnostics flowc reports for `source` (warnings included)."""
    import flowc
    from flowc import _core

    if opts.get("lang") == "yaml":
        if opts.get("code", "")[1:3] == "10":  # a `flowc import` example
            return flowc._diagnostics(_core.import_yaml(source.encode(), "w.yaml", opts.get("argo-version", ""))["diagnostics"])
        return flowc.lint(source, "w.yaml", entry=opts.get("entry"), argo_version=opts.get("argo-version"))
    result = _core.compile(source.encode(), "w.py", opts.get("target", "argo"), "yaml", False, "", False,
                           argo_version=opts.get("argo-version", ""), python_version=opts.get("python-version", ""))
    return flowc._diagnostics(result["diagnostics"])


def main() -> int:
    text = DOC.read_text()
    out, last = [], 0
    for code, opts, src, _, m in examples(text):
        diags = run(src, opts)
        rendered = "".join(str(d) for d in diags)
        if code not in {d.code for d in diags}:
            print(f"{code}: the example does not report {code}:\n{rendered}", file=sys.stderr)
        out.append(text[last:m.start("out")])
        out.append(rendered)
        last = m.end("out")
    out.append(text[last:])
    DOC.write_text("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
