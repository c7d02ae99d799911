"""Reading a source file with a bound: nothing larger than the core accepts
(64 MiB, docs/limits.md) is ever held in memory.

A regular file's size is checked before it is read; a pipe, a device
(`/dev/zero`) or a file that grows while read is read up to the limit plus
one byte, and refused there.
"""
from __future__ import annotations

import os
import stat
from typing import BinaryIO

from . import _core

MAX_SOURCE_BYTES: int = _core.MAX_SOURCE_BYTES


class SourceTooLarge(Exception):
    """The source is larger than MAX_SOURCE_BYTES; `size` is its size if known."""

    def __init__(self, size: "int | None"):
        self.size = size
        most = f"{MAX_SOURCE_BYTES} bytes (64 MiB)"
        if size is None:  # a stream: how much more it holds is not known
            super().__init__(f"the stream holds more than {most}, the most flowc reads; reading stopped there")
        else:
            super().__init__(f"source is {size} bytes; flowc reads at most {most}")


def shown(text: str) -> str:
    """A path as messages show it: control characters and bytes that are not
    UTF-8 (surrogate-escaped) escaped, as the core escapes what it quotes (a
    file name from a glob must not reach the terminal as an escape sequence)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def read_stream(f: BinaryIO) -> bytes:
    """Reads `f` to its end, refusing it (SourceTooLarge) past the limit."""
    try:
        st = os.fstat(f.fileno())
    except (AttributeError, OSError, ValueError):
        st = None
    if st is not None and stat.S_ISREG(st.st_mode) and st.st_size > MAX_SOURCE_BYTES:
        raise SourceTooLarge(st.st_size)
    chunks = []
    total = 0
    while total <= MAX_SOURCE_BYTES:
        chunk = f.read(min(1 << 20, MAX_SOURCE_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_SOURCE_BYTES:
        raise SourceTooLarge(None)
    return b"".join(chunks)


def read_path(path: "str | os.PathLike[str]") -> bytes:
    with open(path, "rb") as f:
        return read_stream(f)
