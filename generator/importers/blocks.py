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


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)
    """Cells as text; a cell spanning columns fills the first and leaves the rest empty,
    except in the header row, where the heading is repeated under each column it spans."""


Block = Heading | Paragraph | ListBlock | Table

_SPACE = re.compile(r"[ \t\u00a0]+")


def tidy(text: str) -> str:
    """Collapse runs of spaces, keep line breaks, trim each line."""
    lines = [_SPACE.sub(" ", line).strip() for line in text.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line).strip()
