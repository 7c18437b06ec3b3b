"""Word (.docx) → blocks, with python-docx: headings, paragraphs, lists and tables in order."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table, tidy


def _heading_level(paragraph: DocxParagraph) -> int | None:
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    if name == "Title":
        return 1
    if name.startswith("Heading"):
        number = name.removeprefix("Heading").strip()
        return int(number) if number.isdigit() else 1
    return None


def _list_kind(paragraph: DocxParagraph) -> str | None:
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    if name.startswith("List Number"):
        return "1"
    if name.startswith("List") or paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None:
        return "bullet"
    return None


def _table(table: DocxTable) -> Table:
    rows = []
    for index, row in enumerate(table.rows):
        cells, previous = [], None
        for cell in row.cells:  # a merged cell comes back once per column it spans
            text = tidy(cell.text)
            if cell._tc is previous and index > 0:
                text = ""
            previous = cell._tc
            cells.append(text)
        rows.append(cells)
    return Table(rows)


def read_docx(path: Path) -> list[Block]:
    document = docx.Document(str(path))
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            blocks.append(_table(DocxTable(child, document)))
            continue
        if tag != "p":
            continue
        paragraph = DocxParagraph(child, document)
        text = tidy(paragraph.text)
        if not text:
            continue
        level = _heading_level(paragraph)
        kind = _list_kind(paragraph)
        if level is not None:
            blocks.append(Heading(level, text))
        elif kind is not None:
            if blocks and isinstance(blocks[-1], ListBlock) and blocks[-1].style == kind:
                blocks[-1].items.append(text)
            else:
                blocks.append(ListBlock([text], ordered=kind != "bullet", style=kind))
        else:
            blocks.append(Paragraph(text))
    return blocks
