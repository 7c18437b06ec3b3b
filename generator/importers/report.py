"""What an import found, what it took each column as and why, and every cell it could not place.

The report is printed after every import and can be written as JSON. The draft's
guesses are also marked in the YAML itself, as ``# CHECK: …`` comments on the lines
they concern, so ``plansite validate`` can warn about each with its line and column
until an editor has checked it and deleted the comment.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

CHECK = "CHECK:"
MARKER = re.compile(r"#\s*CHECK:\s*(?P<message>.*?)\s*$")
"""A draft's unresolved guess: a YAML comment that starts with ``CHECK:``."""


@dataclass
class Unplaced:
    where: str
    """"table 2, row 5, column 4" or "page 3"."""
    text: str
    went: str
    """Where the words were kept instead ("commentary of action r1-2")."""


@dataclass
class TableReport:
    where: str
    rows: int
    columns: list[str] = field(default_factory=list)
    """One line per column: what it was taken as, and why."""
    header: list[str] = field(default_factory=list)
    """The rows taken as headings, as text."""
    groups: int = 0
    items: int = 0
    criteria: int = 0
    notes: list[str] = field(default_factory=list)


@dataclass
class Check:
    line: int
    column: int
    message: str
    path: str = ""


@dataclass
class Report:
    source: str
    format: str
    groups: int = 0
    items: int = 0
    criteria: int = 0
    sections: int = 0
    items_with_label: int = 0
    items_with_timescale: int = 0
    tables: list[TableReport] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def text(self, target: str = "") -> str:
        lines = [
            f"import of {self.source} ({self.format})" + (f" → {target}" if target else ""),
            f"found: {self.groups} group(s), {self.items} item(s), {self.criteria} success criteria, {self.sections} narrative section(s)",
            f"items with a label: {self.items_with_label} of {self.items}; with a timescale: {self.items_with_timescale} of {self.items}",
        ]
        for table in self.tables:
            lines.append(
                f"{table.where}: {table.rows} row(s) → {table.groups} group(s), {table.items} item(s)"
                + (f", {table.criteria} criteria" if table.criteria else "")
            )
            if table.header:
                lines += [f"  heading row: {row}" for row in table.header]
            lines += [f"  {column}" for column in table.columns]
            lines += [f"  note: {note}" for note in table.notes]
        lines += [f"note: {note}" for note in self.notes]
        if self.unplaced:
            lines.append(f"cells not placed in a field ({len(self.unplaced)}), kept as shown:")
            lines += [f"  {u.where}: {_short(u.text)!r} → {u.went}" for u in self.unplaced]
        else:
            lines.append("cells not placed in a field: none")
        if self.checks:
            lines.append(f"guesses to check ({len(self.checks)}), marked '# CHECK:' in the draft:")
            lines += [f"  {target or 'draft'}:{c.line}:{c.column}: {c.message}" for c in self.checks]
        return "\n".join(lines)


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def find_checks(yaml_text: str) -> list[Check]:
    """Every ``# CHECK:`` marker in a plan file: 1-based line and column of the ``#``, and its message.

    This is what ``plansite validate`` should report as a warning (see the README)."""
    out = []
    for number, line in enumerate(yaml_text.splitlines(), start=1):
        at = _comment_start(line)
        if at is None:
            continue
        match = MARKER.match(line[at:])
        if match:
            out.append(Check(number, at + 1, match.group("message")))
    return out


def _comment_start(line: str) -> int | None:
    """Where a YAML comment starts on the line (a '#' at the start or after a space, outside quotes)."""
    quote: str | None = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
            continue
        if char in "'\"" and (index == 0 or line[index - 1] in " :-[{,"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return index
    return None
