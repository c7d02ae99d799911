"""What a compile gives the Python caller besides the text: its diagnostics.

The command line prints warnings to standard error; the API returns them and
issues them through Python's ``warnings`` module, so that scripts and
notebooks see them too:

    >>> out = flowc.compile_file("w.py")          # a CompileResult: a str
    w.py:9:32: warning: task 'b' uses an output of 'a' ... [W0301]   (a FlowcWarning)
    >>> out.warnings[0].code
    'W0301'

``warnings_as_errors=True`` (the CLI's ``-W``) makes them errors instead
(CompileError); ``warnings.simplefilter("ignore", flowc.FlowcWarning)``
silences them, ``"error"`` raises the first one.
"""
from __future__ import annotations

import os
import sys
import warnings
from types import FrameType
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

if TYPE_CHECKING:
    from . import Diagnostic

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


class FlowcWarning(UserWarning):
    """A compiler warning (``W0xxx``), issued through ``warnings``.

    Its text is what the command line prints (clang style: place, message,
    source line, caret, notes); ``.diagnostic`` is the Diagnostic itself.
    """

    def __init__(self, diagnostic: "Diagnostic") -> None:
        super().__init__(str(diagnostic).rstrip("\n"))
        self.diagnostic = diagnostic

    @property
    def code(self) -> str:
        return self.diagnostic.code


class CompileResult(str):
    """The compiled text, with the diagnostics of the compile.

    A ``str`` (the YAML or JSON text), so code that took the text keeps
    working; besides:

    - ``text``: the same text as a plain ``str``;
    - ``diagnostics``: every diagnostic (on success, only warnings);
    - ``warnings``: the warnings among them;
    - ``documents``: the documents as dicts (as compile_to_dicts gives them).
    """

    text: str
    diagnostics: List["Diagnostic"]
    documents: List[Dict[str, Any]]

    def __new__(cls, text: str, diagnostics: Sequence["Diagnostic"],
                documents: Sequence[Dict[str, Any]]) -> "CompileResult":
        self = super().__new__(cls, text)
        self.text = str(text)
        self.diagnostics = list(diagnostics)
        self.documents = list(documents)
        return self

    @property
    def warnings(self) -> List["Diagnostic"]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def __reduce__(self) -> Tuple[Any, ...]:  # pickles (and copies) as the plain text
        return (str, (self.text,))


class Documents(List[Dict[str, Any]]):
    """The documents as dicts (a ``list``), with ``diagnostics`` and ``warnings``."""

    diagnostics: List["Diagnostic"]

    def __init__(self, documents: Sequence[Dict[str, Any]], diagnostics: Sequence["Diagnostic"]) -> None:
        super().__init__(documents)
        self.diagnostics = list(diagnostics)

    @property
    def warnings(self) -> List["Diagnostic"]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    def __reduce__(self) -> Tuple[Any, ...]:
        return (list, (list(self),))


def _caller_stacklevel() -> int:
    """The stacklevel of the first frame outside the flowc package, so that
    Python shows the warning at the user's call (``flowc.compile_file(...)``,
    ``W().to_yaml()``), not inside flowc."""
    level = 1
    frame: Optional[FrameType] = sys._getframe(1)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    return level


def issue(diagnostics: Sequence["Diagnostic"]) -> None:
    """Issues each warning through ``warnings.warn`` as a FlowcWarning."""
    found = [d for d in diagnostics if d.severity == "warning"]
    if not found:
        return
    level = _caller_stacklevel()
    for d in found:
        warnings.warn(FlowcWarning(d), stacklevel=level)
