"""The few shapes every imported document is read into."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class ListBlock:
    items: list[str]
    ordered: bool = False
    style: str | None = None
    """"a" for lettered lists, "1" for numbered ones."""
    labels: list[str] = field(default_factory=list)
    """Each item's label as printed ("1.1", "a)", "(ii)"), where the source printed one; "" where not."""


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)
    """Cells as text. A merged cell's text is in its first (top left) position; the
    positions it also covers are empty, except in a header row, where a heading
    spanning columns is repeated under each column it spans."""
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    """(row, column) of each merged cell's first position → (rows, columns) it covers."""
    header_rows: int | None = None
    """How many rows the source marks as headings (HTML ``th``, Word's repeated header
    rows); None when the source does not say, and the draft decides from the cells."""
    where: str = ""
    """Where the table is in the source, for the import report ("page 3")."""

    def covered(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Each position covered by a merged cell (not its first) → that cell's first position."""
        out: dict[tuple[int, int], tuple[int, int]] = {}
        for (row, col), (rows, cols) in self.spans.items():
            for r in range(row, row + rows):
                for c in range(col, col + cols):
                    if (r, c) != (row, col):
                        out[(r, c)] = (row, col)
        return out


Block = Heading | Paragraph | ListBlock | Table

_SPACE = re.compile(r"[ \t\u00a0]+")


def tidy(text: str) -> str:
    """Collapse runs of spaces, keep line breaks, trim each line."""
    lines = [_SPACE.sub(" ", line).strip() for line in text.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def grid(cells: list[list[tuple[str, int, int]]], header_rows: int = 0) -> Table:
    """A table from rows of (text, rowspan, colspan) cells as a document lays them out:
    a cell spanning rows takes its column in the rows below, as in HTML and Word."""
    rows: list[list[str]] = []
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    taken: dict[tuple[int, int], bool] = {}
    width = 0
    for r, row in enumerate(cells):
        out: list[str] = []
        c = 0
        for text, rowspan, colspan in row:
            while taken.get((r, c)):
                out += [""] * (c + 1 - len(out))
                c += 1
            rowspan, colspan = max(1, rowspan), max(1, colspan)
            out += [""] * (c + colspan - len(out))
            out[c] = text
            if r < header_rows:
                for k in range(c + 1, c + colspan):
                    out[k] = text  # a heading spanning columns heads each of them
            if rowspan > 1 or colspan > 1:
                spans[(r, c)] = (rowspan, colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr:
                        taken[(r + dr, c + dc)] = True
            c += colspan
        while taken.get((r, c)):
            c += 1
        width = max(width, c, len(out))
        rows.append(out)
    for out in rows:
        out += [""] * (width - len(out))
    # rowspans past the last row are cut to the table
    for (r, c), (rs, cs) in list(spans.items()):
        spans[(r, c)] = (min(rs, len(rows) - r), cs)
        if spans[(r, c)] == (1, 1):
            del spans[(r, c)]
    return Table(rows, spans, header_rows or None)
