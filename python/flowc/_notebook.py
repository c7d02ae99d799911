"""A class defined in a notebook cell, compiled with the notebook's earlier
cells as its module: constants, base classes and imports from other cells
are visible, as they are to the running kernel.

Only text is read, from IPython's input history (`In`, the transformed
cells IPython compiled); nothing is executed. A cell that does not parse
(`ast.parse`, which runs nothing) is left out, so one broken cell does not
hide the others. Diagnostics are then renamed to the cell they point into:
``Cell In[13], line 8, column 34`` (IPython's own spelling for tracebacks).

IPython is never imported here: if it is not already running
(`sys.modules`), there is no notebook and nothing changes.
"""
from __future__ import annotations

import ast
import dataclasses
import re
import sys
from typing import Any, List, Optional, Sequence, Tuple


def _shell() -> Any:
    mod = sys.modules.get("IPython")
    if mod is None:
        return None
    try:
        return mod.get_ipython()
    except Exception:  # an IPython too old or too new to ask: no notebook support
        return None


def cell_number(filename: str) -> Optional[int]:
    """The execution count of the cell IPython compiled as `filename`, or None."""
    shell = _shell()
    if shell is None:
        return None
    mapping = getattr(getattr(shell, "compile", None), "_filename_map", None)
    number = mapping.get(filename) if isinstance(mapping, dict) else None
    return number if isinstance(number, int) else None


def _history(shell: Any) -> List[str]:
    inputs = shell.user_ns.get("In") if isinstance(getattr(shell, "user_ns", None), dict) else None
    if not isinstance(inputs, list):
        inputs = list(getattr(getattr(shell, "history_manager", None), "input_hist_parsed", []) or [])
    return [c if isinstance(c, str) else "" for c in inputs]


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


class NotebookModule:
    """The text of cells 1..N joined as one module, and where each cell starts."""

    def __init__(self, cells: Sequence[Tuple[int, str]]):
        self.parts: List[Tuple[int, int, int]] = []  # (cell, first line in the module, line count)
        chunks = []
        line = 1
        for number, text in cells:
            if not text.endswith("\n"):
                text += "\n"
            count = text.count("\n")
            self.parts.append((number, line, count))
            chunks.append(text)
            line += count
        self.source = "".join(chunks)

    def last_cell_start(self) -> int:
        return self.parts[-1][1] if self.parts else 1

    def place(self, line: int) -> Tuple[int, int]:
        """(cell, line in the cell) of a line of the module."""
        for number, first, count in self.parts:
            if first <= line < first + count:
                return number, line - first + 1
        number, first, _ = self.parts[-1]
        return number, max(1, line - first + 1)

    def rename(self, diagnostics: Sequence[Any], filename: str) -> List[Any]:
        """Diagnostics of the joined module, each naming its cell."""
        pattern = re.compile(re.escape(filename) + r":(\d+):(\d+):")

        def spelled(m: "re.Match[str]") -> str:
            cell, line = self.place(int(m.group(1)))
            return f"Cell In[{cell}], line {line}, column {m.group(2)}:"

        out = []
        for d in diagnostics:
            if d.file != filename:
                out.append(d)
                continue
            cell, line = self.place(d.line)
            _, end_line = self.place(d.end_line)
            out.append(dataclasses.replace(d, file=f"Cell In[{cell}]", line=line, end_line=end_line,
                                           rendered=pattern.sub(spelled, d.rendered)))
        return out


def module_for(number: int, cell_text: Optional[str] = None) -> Optional[NotebookModule]:
    """Cells before `number` that parse, then cell `number` itself (or
    `cell_text`: a %%flowc cell's body). None outside a notebook."""
    shell = _shell()
    if shell is None:
        return None
    history = _history(shell)
    if cell_text is None:
        if not 0 < number < len(history):
            return None
        cell_text = history[number]
    cells = [(i, history[i]) for i in range(1, min(number, len(history))) if history[i].strip() and _parses(history[i])]
    cells.append((number, cell_text))
    return NotebookModule(cells)


def _cell_filename(shell: Any, number: int) -> Optional[str]:
    mapping = getattr(getattr(shell, "compile", None), "_filename_map", None)
    if isinstance(mapping, dict):
        for name, n in mapping.items():
            if n == number and isinstance(name, str):
                return name
    return None


def last_definition(name: str) -> Optional[Tuple[str, int, int]]:
    """(file, cell, line) of the latest cell that defines class `name` at its
    top level: for a class with no method (`class Two(One): pass`), whose
    code leaves no place behind before Python 3.13. The latest such cell is
    the one whose class the kernel holds (a cell run later rebinds it)."""
    shell = _shell()
    if shell is None:
        return None
    history = _history(shell)
    for number in range(len(history) - 1, 0, -1):
        if f"class {name}" not in history[number]:  # cheap filter before parsing
            continue
        try:
            tree = ast.parse(history[number])
        except (SyntaxError, ValueError):
            continue
        lines = [n.lineno for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name]
        if lines:
            return _cell_filename(shell, number) or f"<ipython cell {number}>", number, lines[-1]
    return None
