"""PDF → blocks, with pdfplumber: ruled tables (merged cells kept as one cell) and text.

A table is found from its ruling lines; each cell is a rectangle, and a rectangle that
covers several rows or columns of the table's grid is one merged cell. A table that
runs on over a page break is one table: its repeated heading row is dropped and a row
split by the break is joined again. Text outside tables arrives as lines; wrapped lines
are joined into paragraphs and items (see ``text.blocks_from_lines``), and a line in a
larger or bold type is a heading. Running headers and footers (the same line at the
top or bottom of most pages, page numbers) are left out, and the report says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.importers.blocks import Block, Heading, Table
from generator.importers.columns import heading_like
from generator.importers.pdf_columns import Found, find_unruled, vocabulary
from generator.importers.text import Skipped, blocks_from_lines, join_wrapped, joined

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)
_TOLERANCE = 3.0


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool
    page: int


@dataclass
class _PageTable:
    table: Table
    top: float
    bottom: float
    xs: list[float]
    page: int
    height: float = 0.0
    rows: list[tuple[float, float]] = field(default_factory=list)


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _TOLERANCE:
            out.append(value)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _cell_text(page, box: tuple[float, float, float, float]) -> str:
    """The words whose middle is inside the cell; lines wrapped by the cell's width joined again."""
    x0, top, x1, bottom = box

    def inside(obj) -> bool:
        if obj.get("object_type") != "char":
            return False
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return x0 <= cx <= x1 and top <= cy <= bottom

    lines = [line["text"] for line in page.filter(inside).extract_text_lines(layout=False, strip=True)]
    return join_wrapped(lines)


def _table(page, found, number: int) -> _PageTable:
    """The table on pdfplumber's cells: rectangles on a grid, merges kept."""
    cells = [c for c in found.cells if c]
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    n_rows, n_cols = max(1, len(ys) - 1), max(1, len(xs) - 1)
    rows = [[""] * n_cols for _ in range(n_rows)]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for x0, top, x1, bottom in cells:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        rows[r0][c0] = _cell_text(page, (x0, top, x1, bottom))
        if r1 - r0 > 1 or c1 - c0 > 1:
            spans[(r0, c0)] = (r1 - r0, c1 - c0)
    table = Table(rows, spans, None, f"page {number}")
    return _PageTable(table, found.bbox[1], found.bbox[3], xs, number, float(page.height), list(zip(ys, ys[1:])))


def _unruled(found: Found, number: int, height: float) -> _PageTable:
    """An unruled table as a page's table; its columns' edges let the next page's part join it."""
    return _PageTable(found.table, found.bbox[1], found.bbox[3], found.edges, number, height)


def _lines(page, boxes: list[tuple[float, float, float, float]], number: int) -> list[_Line]:
    def outside(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    out = []
    for line in text_page.extract_text_lines(layout=False, strip=True, return_chars=True):
        chars = [c for c in line.get("chars", []) if c.get("text", "").strip()]
        if not line["text"].strip():
            continue
        size = Counter(round(c.get("size", 0), 1) for c in chars).most_common(1)[0][0] if chars else 0.0
        bold = bool(chars) and all(
            "bold" in (c.get("fontname") or "").lower() or "black" in (c.get("fontname") or "").lower() for c in chars
        )
        out.append(_Line(line["text"].strip(), line["top"], line["bottom"], line["x0"], size, bold, number))
    return out


def _running(lines: list[_Line], pages: int, heights: dict[int, float]) -> set[int]:
    """Indexes of lines that are running headers, footers or page numbers."""
    drop: set[int] = set()
    if pages < 2:
        return {i for i, line in enumerate(lines) if _PAGE_NUMBER.match(line.text) and _margin(line, heights)}
    counts = Counter(re.sub(r"\d+", "#", line.text) for line in lines if _margin(line, heights))
    for i, line in enumerate(lines):
        if not _margin(line, heights):
            continue
        if _PAGE_NUMBER.match(line.text) or counts[re.sub(r"\d+", "#", line.text)] >= max(2, pages // 2):
            drop.add(i)
    return drop


def _margin(line: _Line, heights: dict[int, float]) -> bool:
    height = heights.get(line.page, 842.0)
    return line.top < height * 0.08 or line.bottom > height * 0.92


def _continues(previous: _PageTable, table: _PageTable) -> bool:
    """A table at the top of a page that carries on the one that ended the page before."""
    if table.page != previous.page + 1 or len(previous.xs) != len(table.xs):
        return False
    return all(abs(a - b) <= 4 for a, b in zip(previous.xs, table.xs))


def _join(previous: Table, table: Table) -> list[str]:
    """Add ``table``'s rows to ``previous``; a repeated heading row is dropped, a row split by the page joined."""
    notes = []
    rows, spans = table.rows, dict(table.spans)
    if rows and previous.rows and [c.lower() for c in rows[0]] == [c.lower() for c in previous.rows[0]]:
        rows, spans = rows[1:], {(r - 1, c): s for (r, c), s in spans.items() if r > 0}
        notes.append(f"{table.where}: heading row repeated from the page before, dropped")
    if rows and previous.rows:
        first, last = rows[0], previous.rows[-1]
        starts_lower = [c for c in first if c.strip()]
        lower = bool(starts_lower) and all(c.strip()[0].islower() or not c.strip()[0].isalnum() for c in starts_lower)
        # or every cell it has finishes a cell of the row before that did not end ("…with the PCT and" / "Health…")
        unfinished = bool(starts_lower) and all(
            last[i].strip() and not last[i].rstrip().endswith((".", ":", ";", "?", "!"))
            for i, c in enumerate(first)
            if c.strip()
        )
        if (lower or unfinished) and not spans.get((0, 0)) and (not first[0].strip() or first[0].strip()[0].islower()):
            for i, cell in enumerate(first):
                if cell.strip():
                    last[i] = f"{last[i]} {cell}".strip() if last[i] else cell
            rows, spans = rows[1:], {(r - 1, c): s for (r, c), s in spans.items() if r > 0}
            notes.append(f"{table.where}: first row carries on the last row of the page before, joined to it")
    offset = len(previous.rows)
    previous.rows += rows
    for (r, c), s in spans.items():
        previous.spans[(r + offset, c)] = s
    return notes


def _page_items(pdf) -> tuple[list[tuple[int, float, object]], dict[int, float]]:
    """Every page's tables (ruled, then unruled from the words outside them) and lines of text,
    as (page, top, table or line) in reading order; and each page's height."""
    items: list[tuple[int, float, object]] = []
    heights: dict[int, float] = {}
    carry: Found | None = None
    page_words = [page.extract_words(extra_attrs=["size"]) for page in pdf.pages]
    known = vocabulary(page_words)
    for number, page in enumerate(pdf.pages, start=1):
        heights[number] = float(page.height)
        found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        tables = [_table(page, t, number) for t in found if t.cells and len(t.cells) > 1]
        boxes = [tuple(t.bbox) for t in found if t.cells and len(t.cells) > 1]
        unruled = find_unruled(page, page_words[number - 1], boxes, number, carry, known)
        carry = unruled[-1] if unruled and unruled[-1].reaches_foot else None
        tables += [_unruled(u, number, float(page.height)) for u in unruled]
        boxes += [u.bbox for u in unruled]
        items += [(number, t.top, t) for t in tables]
        items += [(number, line.top, line) for line in _lines(page, boxes, number)]
    items.sort(key=lambda item: (item[0], item[1]))
    return items, heights


def _bold_runs(items: list[tuple[int, float, object]]) -> list[tuple[int, float, object]]:
    """Bold lines right below one another in one type size as one line: a heading (or a group's
    line, "Key Issue 2: To strengthen… / including…") wrapped over several lines is read whole."""
    out: list[tuple[int, float, object]] = []
    for item in items:
        line, last = item[2], out[-1][2] if out else None
        if (
            isinstance(line, _Line)
            and isinstance(last, _Line)
            and line.bold
            and last.bold
            and line.page == last.page
            and abs(line.size - last.size) < 0.5
            and line.top - last.bottom < line.size * 0.8
        ):
            merged = _Line(
                joined(last.text, " ", line.text), last.top, line.bottom, last.x0, last.size, True, last.page
            )
            out[-1] = (out[-1][0], out[-1][1], merged)
        else:
            out.append(item)
    return out


def read_pdf(path: Path) -> list[Block]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages = len(pdf.pages)
        items, heights = _page_items(pdf)
    items = _bold_runs(items)
    lines = [item[2] for item in items if isinstance(item[2], _Line)]
    running = {id(lines[i]) for i in _running(lines, pages, heights)}
    sizes = Counter(round(line.size) for line in lines if line.size and id(line) not in running)
    body = sizes.most_common(1)[0][0] if sizes else 0
    largest = max((line.size for line in lines if id(line) not in running), default=0.0)

    blocks: list[Block] = []
    pending: list[str] = []
    last_table: _PageTable | None = None
    skipped: list[str] = []
    last_heading: list = []

    def flush() -> None:
        if pending:
            blocks.extend(blocks_from_lines(pending))
            pending.clear()

    for _, _, item in items:
        if isinstance(item, _PageTable):
            flush()
            if last_table is not None and _continues(last_table, item) and blocks and blocks[-1] is last_table.table:
                for note in _join(last_table.table, item.table):
                    blocks.append(Skipped(note, "a table carried over a page"))  # type: ignore[arg-type]
                    blocks.append(blocks.pop(-2))  # keep the table last, so the next page can join it too
                last_table.page = item.page
                continue
            blocks.append(item.table)
            last_table = item
            continue
        line: _Line = item  # type: ignore[assignment]
        if id(line) in running:
            skipped.append(line.text)
            continue
        heading = body and line.size >= body * 1.2 and len(line.text) <= 120
        short = len(line.text) <= 90 and not line.text.rstrip().endswith((".", ","))
        bold_heading = line.bold and (short or len(line.text) <= 300 and heading_like(line.text))
        if heading or bold_heading:
            flush()
            level = 1 if body and (line.size >= body * 1.5 or line.size >= largest - 0.5) else 2
            previous = last_heading[0] if last_heading else None
            if (
                previous is not None
                and blocks
                and blocks[-1] is last_heading[1]
                and not pending
                and abs(previous.size - line.size) < 0.5
                and previous.page == line.page
                and line.top - previous.bottom < line.size * 0.8
            ):
                blocks[-1].text = joined(blocks[-1].text, " ", line.text)  # a heading wrapped over two lines
            else:
                blocks.append(Heading(level, line.text))
            last_heading[:] = [line, blocks[-1]]
            last_table = None
            continue
        pending.append(line.text)
        last_table = None
    flush()
    if skipped:
        counted = Counter(re.sub(r"\d+", "#", s) for s in skipped)
        for text, count in counted.items():
            blocks.append(Skipped(f"{text} ({count} page(s))", "running header, footer or page number"))  # type: ignore[arg-type]
    return blocks
