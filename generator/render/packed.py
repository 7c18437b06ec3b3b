"""Generated files held compressed until they are written.

A build holds every page and data file it makes at once, beside the catalogue they are
made from: at 1,000 plans that was 550 MB of page text (a Python string with one
character outside ASCII takes two or four bytes a character) and 390 MB of data files.
Held as compressed UTF-8 they take about a tenth of that, and each is unpacked once, when
it is written. The compression is an in-memory detail: what is written is the text itself.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

LEVEL = 1
"""zlib's fastest level: HTML and JSON still shrink about eightfold."""


class Packed:
    """One file's content as compressed UTF-8 bytes."""

    __slots__ = ("_data", "size")

    def __init__(self, content: str | bytes) -> None:
        raw = content.encode("utf-8") if isinstance(content, str) else content
        self._data = zlib.compress(raw, LEVEL)
        self.size = len(raw)
        """The length of the content in bytes, unpacked."""

    def bytes(self) -> bytes:
        return zlib.decompress(self._data)

    def text(self) -> str:
        return self.bytes().decode("utf-8")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Packed):
            return NotImplemented
        return self.size == other.size and (self._data == other._data or self.bytes() == other.bytes())

    __hash__ = None  # type: ignore[assignment]  # equal contents may be packed differently (one piece at a time or whole)

    def __repr__(self) -> str:
        return f"<Packed {self.size} bytes>"


def held(content: str | bytes | Packed, pack: bool) -> Any:
    """``content`` as a build holds it: with ``pack``, packed (once), else as it is."""
    return content if not pack or isinstance(content, Packed) else Packed(content)


def joined(chunks: Iterable[bytes], pack: bool) -> Any:
    """The bytes of ``chunks`` one after another; with ``pack``, packed as they come."""
    out = Writer(pack)
    for chunk in chunks:
        out.write(chunk)
    return out.close()


class Writer:
    """A file's content written in pieces: with ``pack``, packed as they come, so the whole
    is never held unpacked (``close`` gives the ``Packed``); without, joined (``close``
    gives the bytes)."""

    def __init__(self, pack: bool) -> None:
        self._compressor = zlib.compressobj(LEVEL) if pack else None
        self._parts: list[bytes] = []
        self._size = 0

    def write(self, chunk: bytes) -> None:
        self._size += len(chunk)
        self._parts.append(self._compressor.compress(chunk) if self._compressor else chunk)

    def close(self) -> Any:
        if self._compressor is None:
            return b"".join(self._parts)
        self._parts.append(self._compressor.flush())
        packed = Packed.__new__(Packed)
        packed._data, packed.size = b"".join(self._parts), self._size
        return packed
