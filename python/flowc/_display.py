"""Rich display of a workflow in a notebook: its YAML, syntax-highlighted
(HTML with inline styles: no stylesheet, script or network), and the SVG
picture of its DAG/steps graph. Used by Workflow._repr_mimebundle_ and by
the IPython extension (_ipython.py) for workflow classes.

A workflow that does not compile displays its diagnostics instead (a
display must not raise).
"""
from __future__ import annotations

import html
from typing import Any, Dict


def highlight_yaml(text: str) -> str:
    """YAML as HTML: Pygments (a dependency of IPython itself) when present,
    else plain escaped text."""
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import YamlLexer
    except ImportError:
        return f"<pre>{html.escape(text)}</pre>"
    return highlight(text, YamlLexer(), HtmlFormatter(noclasses=True, nobackgrounds=True))


def bundle(workflow: Any) -> Dict[str, str]:
    """{"text/html", "image/svg+xml", "text/plain"} for a workflow class or instance."""
    import flowc
    try:
        yaml_text = str(flowc.compile(workflow))
        svg = str(flowc.graph(workflow))
    except flowc.CompileError as e:
        text = e.render()
        return {"text/plain": text, "text/html": f"<pre style=\"color:#a00\">{html.escape(text)}</pre>"}
    page = (f"<div class=\"flowc-workflow\"><div>{svg}</div>"
            f"<details open><summary>YAML</summary>{highlight_yaml(yaml_text)}</details></div>")
    return {"text/plain": yaml_text, "text/html": page, "image/svg+xml": svg}
