"""Word (.docx) → blocks, with python-docx: headings, paragraphs, lists and tables in order.

Merged cells stay one cell: a vertical merge (``w:vMerge``) is one cell over the rows it
spans, a horizontal one (``w:gridSpan``) one cell over its columns. Word's automatic
numbering ("1.1", "a)") is not in a paragraph's text: it is worked out from the
document's numbering definitions, so labels typed by Word arrive as printed."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table, grid, tidy
from generator.importers.columns import heading_like


def _heading_level(paragraph: DocxParagraph) -> int | None:
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    if name == "Title":
        return 1
    if name.startswith("Heading"):
        number = name.removeprefix("Heading").strip()
        return int(number) if number.isdigit() else 1
    outline = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None and (outline.get(qn("w:val")) or "").isdigit() and int(outline.get(qn("w:val"))) < 6:
        return int(outline.get(qn("w:val"))) + 1
    return None


_ROMAN = (
    ("m", 1000),
    ("cm", 900),
    ("d", 500),
    ("cd", 400),
    ("c", 100),
    ("xc", 90),
    ("l", 50),
    ("xl", 40),
    ("x", 10),
    ("ix", 9),
    ("v", 5),
    ("iv", 4),
    ("i", 1),
)


def _roman(number: int) -> str:
    out = ""
    for letters, value in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(number: int, kind: str) -> str:
    if kind == "lowerLetter":
        return "abcdefghijklmnopqrstuvwxyz"[(number - 1) % 26] * ((number - 1) // 26 + 1)
    if kind == "upperLetter":
        return _format(number, "lowerLetter").upper()
    if kind == "lowerRoman":
        return _roman(number)
    if kind == "upperRoman":
        return _roman(number).upper()
    return str(number)


class Numbering:
    """Word's list numbering: the label each numbered paragraph shows, in document order."""

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                    int(start.get(qn("w:val"), "1")) if start is not None else 1,
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})

    def label(self, paragraph: DocxParagraph) -> tuple[str, str] | None:
        """(label as shown, kind: "bullet" or a number format) for a numbered paragraph."""
        num_pr = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        style = paragraph.style
        while num_pr is None and style is not None:
            num_pr = style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            style = style.base_style
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        num = num_id.get(qn("w:val")) if num_id is not None else None
        level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
        if num is None or num == "0" or num not in self.levels:
            return None
        levels = self.levels[num]
        if level not in levels:
            return ("", "bullet")
        kind, text, _ = levels[level]
        if kind in ("bullet", "none") or not text:
            return ("", "bullet")
        counters = self.counters.setdefault(num, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            fmt, _, start = levels.get(at, ("decimal", "", 1))
            return _format(counters.get(at, start), fmt)

        return (re.sub(r"%(\d)", value, text).strip(), kind)


def _bold(paragraph: DocxParagraph) -> bool:
    """Every run with words is bold, by itself or by its paragraph's style."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)


def _paragraph_text(paragraph: DocxParagraph, numbering: Numbering) -> str:
    text = tidy(paragraph.text)
    shown = numbering.label(paragraph)
    if shown and shown[0] and text:
        return f"{shown[0]} {text}"
    return text


def _cell_text(tc, document, numbering: Numbering) -> str:
    """Every paragraph in the cell, those of tables nested in it included, a line each."""
    lines = []
    for p in tc.iter(qn("w:p")):
        text = _paragraph_text(DocxParagraph(p, document), numbering)
        if text:
            lines.append(text)
    return "\n".join(lines)


def _table(element, document, numbering: Numbering) -> Table:
    """The table's cells on Word's grid, merges kept as one cell."""
    raw: list[list[tuple[str, int, str | None]]] = []  # (text, columns, vMerge) per cell
    header_rows, in_header = 0, True
    for tr in element.findall(qn("w:tr")):
        row: list[tuple[str, int, str | None]] = []
        tr_pr = tr.find(qn("w:trPr"))
        before = tr_pr.find(qn("w:gridBefore")) if tr_pr is not None else None
        if before is not None and (before.get(qn("w:val")) or "").isdigit():
            row += [("", 1, None)] * int(before.get(qn("w:val")))
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            columns = int(span.get(qn("w:val"))) if span is not None and (span.get(qn("w:val")) or "").isdigit() else 1
            state = None if merge is None else (merge.get(qn("w:val")) or "continue")
            row.append((_cell_text(tc, document, numbering), max(1, columns), state))
        if in_header and tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None:
            header_rows += 1
        else:
            in_header = False
        raw.append(row)
    # where each cell starts on the grid, to find the rows a vertical merge runs down
    starts: list[dict[int, int]] = []
    for row in raw:
        at, positions = 0, {}
        for index, (_, columns, _) in enumerate(row):
            positions[at] = index
            at += columns
        starts.append(positions)
    cells: list[list[tuple[str, int, int]]] = []
    for r, row in enumerate(raw):
        out, at = [], 0
        for text, columns, state in row:
            if state == "continue" and r > 0:
                at += columns
                continue  # the merged cell above covers it
            rows = 1
            if state == "restart":
                while r + rows < len(raw):
                    below = starts[r + rows].get(at)
                    if below is None or raw[r + rows][below][2] != "continue":
                        break
                    rows += 1
            out.append((text, rows, columns))
            at += columns
        cells.append(out)
    return grid(cells, header_rows)


def read_docx(path: Path) -> list[Block]:
    document = docx.Document(str(path))
    numbering = Numbering(document)
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            table = _table(child, document, numbering)
            table.where = f"table {sum(isinstance(b, Table) for b in blocks) + 1}"
            blocks.append(table)
            continue
        if tag != "p":
            continue
        paragraph = DocxParagraph(child, document)
        text = tidy(paragraph.text)
        if not text:
            continue
        level = _heading_level(paragraph)
        shown = numbering.label(paragraph)
        style_name = (paragraph.style.name or "") if paragraph.style is not None else ""
        if shown is None and style_name.startswith("List"):
            shown = ("", "decimal" if style_name.startswith("List Number") else "bullet")
        if level is None and shown is None and _bold(paragraph) and heading_like(text):
            level = 4  # a bold line standing alone: a heading typed by hand
        if level is not None:
            blocks.append(Heading(level, f"{shown[0]} {text}" if shown and shown[0] else text))
        elif shown is not None:
            label, kind = shown
            style = "bullet" if kind == "bullet" else ("a" if "Letter" in kind else "i" if "Roman" in kind else "1")
            last = blocks[-1] if blocks else None
            if isinstance(last, ListBlock) and last.style == style:
                last.items.append(text)
                last.labels.append(label)
            else:
                blocks.append(ListBlock([text], ordered=style != "bullet", style=style, labels=[label]))
        else:
            blocks.append(Paragraph(text))
    return blocks
