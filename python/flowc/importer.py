"""`flowc.import_yaml`: Argo YAML in, flowc DSL source out (the work is in
the C++ core: compiler/yaml, compiler/pywriter, compiler/driver/import.cpp;
the `flowc import` command is the native one, compiler/cli/import_command.cpp).
"""
from __future__ import annotations

from typing import Optional, Union

from . import CompileError, _core, _diagnostics


def import_yaml(text: Union[str, bytes], filename: str = "<string>", *, argo_version: Optional[str] = None) -> str:
    """The flowc DSL source for Argo YAML `text` (every document, in order).
    Raises CompileError with the diagnostics when the YAML is bad or holds
    something the DSL cannot express. Warnings (a repeated key, a document
    Argo refuses as written) are issued as FlowcWarning. ``argo_version="3.5"``
    reads the YAML against that version's fields (default: 4.1).

        >>> source = flowc.import_yaml(open("hello-world.yaml").read(), "hello-world.yaml")
        >>> flowc.compile_source(source)   # gives the same documents back
    """
    raw = text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogateescape")
    result = _core.import_yaml(raw, filename, argo_version or "")
    diagnostics = _diagnostics(result["diagnostics"])
    if not result["ok"]:
        raise CompileError(diagnostics)
    from .result import issue
    issue(diagnostics)  # warnings (a repeated key, a nameless workflow) as FlowcWarning
    return result["output"]
