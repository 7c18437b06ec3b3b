"""Tab-separated text (a table copied out of Word or a PDF) → blocks.

Lines with tabs are table rows; a row that continues after a blank line
(a cell with several paragraphs) stays one row; "- " lines are lists; the
rest are paragraphs. HTML left in cells by the extraction is reduced to text."""

from __future__ import annotations

import re
from pathlib import Path

from generator.importers.blocks import Block, ListBlock, Paragraph, Table, tidy

_TAGS = re.compile(r"<[^>]+>")
_LIST_ITEM = re.compile(r"^\s*(?:[-•○*]|[a-z][.)])\s+")


def _clean(cell: str) -> str:
    return tidy(_TAGS.sub(" ", cell))


def _continues(table: Table) -> bool:
    return bool(table.rows and any(table.rows[-1]))


def blocks_from_text(text: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in text.replace("\r", "").split("\n"):
        if not raw.strip():
            continue
        if "\t" in raw:
            cells = [_clean(cell) for cell in raw.split("\t")]
            if not isinstance(blocks[-1] if blocks else None, Table):
                blocks.append(Table())
            blocks[-1].rows.append(cells)
        elif blocks and isinstance(blocks[-1], Table) and raw[:1].isspace() is False and _continues(blocks[-1]):
            row = blocks[-1].rows[-1]  # a cell with several paragraphs: the extraction put them on lines of their own
            last = max((i for i, cell in enumerate(row) if cell), default=len(row) - 1)
            row[last] = f"{row[last]}\n{_clean(raw)}".strip()
        elif _LIST_ITEM.match(raw):
            item = _clean(_LIST_ITEM.sub("", raw, count=1))
            if blocks and isinstance(blocks[-1], ListBlock):
                blocks[-1].items.append(item)
            else:
                blocks.append(ListBlock([item]))
        else:
            blocks.append(Paragraph(_clean(raw)))
    return blocks


def read_text(path: Path) -> list[Block]:
    return blocks_from_text(path.read_text(encoding="utf-8", errors="replace"))
