"""Unruled PDF tables: words standing in columns, found from where the words are.

A table printed without rules has no lines to find it by, so it is read from the words:
a run of lines where at least two have three or more groups of words set apart by wide
gaps is a table; its columns are the strips of the page that words cover, between
strips no word touches. A line that fills more than half of the columns, or two of them
after a wider gap, starts a row; any other line carries on the cells of the row above.
A word broken at a narrow column's edge ("Recommen" / "dation") is joined again.

Prose across the page, a line in another type size (a heading), the page's top and
bottom margins and a wide gap end the table. A table that reaches the foot of a page
carries on at the top of the next when the words there fall in its columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from generator.importers.blocks import Table
from generator.importers.text import join_wrapped


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Line:
    words: list[_Word]
    top: float
    bottom: float
    size: float

    def segments(self, gap: float) -> list[list[_Word]]:
        out: list[list[_Word]] = []
        for word in self.words:
            if out and word.x0 - out[-1][-1].x1 < gap:
                out[-1].append(word)
            else:
                out.append([word])
        return out


@dataclass
class Found:
    """An unruled table on a page: its cells, where it is, and its columns' edges."""

    table: Table
    bbox: tuple[float, float, float, float]
    edges: list[float]
    """Left edge of each column, then the right edge of the last."""
    reaches_foot: bool = False
    rows: list[tuple[float, float]] = field(default_factory=list)


def _lines(words: list[dict]) -> list[_Line]:
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        word = _Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w.get("size") or 0))
        line = next((line for line in lines[-3:] if abs(line.top - word.top) <= 2.0), None)
        if line is None:
            lines.append(_Line([word], word.top, word.bottom, word.size))
        else:
            line.words.append(word)
            line.bottom = max(line.bottom, word.bottom)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.size = median(w.size for w in line.words)
    return lines


def _gap(size: float) -> float:
    """The least space between two columns' words, for type of this size (a word space is about a quarter of it)."""
    return max(5.0, 0.75 * (size or 10.0))


def vocabulary(pages_words: list[list[dict]]) -> set[str]:
    """Every word of the document, lower case: what a word broken at a column's edge must join up to."""
    return {_bare(w["text"]) for words in pages_words for w in words if _bare(w["text"])}


def _bare(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def find_unruled(
    page,
    words: list[dict],
    boxes: list[tuple[float, float, float, float]],
    number: int,
    carry: Found | None,
    known: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Found]:
    """The unruled tables on ``page`` (its ``words``) outside ``boxes`` (its ruled tables). ``carry``: the
    table that reached the foot of the page before, whose columns the top of this page may carry on;
    ``known``: the document's words (see ``vocabulary``)."""

    def outside(w: dict) -> bool:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        return not any(x0 - 1 <= cx <= x1 + 1 and t - 1 <= cy <= b + 1 for x0, t, x1, b in boxes)

    height = float(page.height)
    words = [w for w in words if outside(w)]
    lines = [ln for ln in _lines(words) if height * 0.06 < ln.top and ln.bottom < height * 0.94]
    found: list[Found] = []
    index = 0
    if carry is not None and lines:
        region = _carried(lines, carry)
        if region:
            found.append(_table(region, carry.edges, number, height, known))
            index = len(region)
    while index < len(lines):
        region = _region(lines, index)
        if region:
            edges = _edges(region)
            if len(edges) >= 4:
                found.append(_table(region, edges, number, height, known))
                index += len(region)
                continue
        index += 1
    return found


def _region(lines: list[_Line], start: int) -> list[_Line]:
    """The lines of a table starting at ``lines[start]``, or [] if none starts there."""
    first = lines[start]
    if len(first.segments(_gap(first.size))) < 3:
        return []
    region = [first]
    left = min(w.x0 for w in first.words)
    right = max(w.x1 for w in first.words)
    for line in lines[start + 1 :]:
        previous = region[-1]
        if line.top - previous.bottom > 2.5 * max(1.0, previous.bottom - previous.top):
            break
        if abs(line.size - first.size) > 0.6 and len(line.segments(_gap(line.size))) == 1:
            break  # a heading
        segments = line.segments(_gap(line.size))
        width = max(w.x1 for w in line.words) - min(w.x0 for w in line.words)
        if len(segments) == 1 and width > 0.6 * (right - left):
            break  # prose across the page
        region.append(line)
        right = max(right, max(w.x1 for w in line.words))
    wide = sum(1 for line in region if len(line.segments(_gap(line.size))) >= 3)
    return region if wide >= 2 else []


def _carried(lines: list[_Line], carry: Found) -> list[_Line]:
    """The lines at the top of a page whose words all fall in the columns of the table carried over."""
    edges = carry.edges
    region: list[_Line] = []
    for line in lines:
        if region and line.top - region[-1].bottom > 2.5 * max(1.0, region[-1].bottom - region[-1].top):
            break
        if not all(_column(edges, w) is not None for w in line.words):
            break
        width = max(w.x1 for w in line.words) - min(w.x0 for w in line.words)
        if len(line.segments(_gap(line.size))) == 1 and width > 0.6 * (edges[-1] - edges[0]):
            break
        region.append(line)
    return region


def _edges(region: list[_Line]) -> list[float]:
    """Column edges: the strips words cover, split where no word of the region touches the page."""
    spans = sorted((w.x0, w.x1) for line in region for w in line.words)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    size = median(line.size for line in region)
    columns: list[list[float]] = []
    for strip in merged:
        if columns and strip[0] - columns[-1][1] < _gap(size):
            columns[-1][1] = strip[1]
        else:
            columns.append(strip)
    return [c[0] for c in columns] + [columns[-1][1]] if columns else []


def _column(edges: list[float], word: _Word) -> int | None:
    """The column a word stands in (its middle between two edges), or None outside the table."""
    middle = (word.x0 + word.x1) / 2
    if middle < edges[0] - 3 or middle > edges[-1] + 3:
        return None
    for index in range(len(edges) - 1):
        if middle < edges[index + 1] - 1:
            return index
    return len(edges) - 2


def _table(region: list[_Line], edges: list[float], number: int, height: float, known: set[str]) -> Found:
    n = len(edges) - 1
    rows: list[list[list[tuple[str, bool]]]] = []
    gaps = [b.top - a.bottom for a, b in zip(region, region[1:])]
    usual = median(gaps) if gaps else 0.0
    previous: _Line | None = None
    for line in region:
        cells: dict[int, list[_Word]] = {}
        for word in line.words:
            cells.setdefault(_column(edges, word) or 0, []).append(word)
        gap = line.top - previous.bottom if previous is not None else 0.0
        starts = not rows or len(cells) * 2 > n or (len(cells) >= 2 and gap > 1.6 * usual + 0.5)
        if starts:
            rows.append([[] for _ in range(n)])
        for column, words in cells.items():
            text = " ".join(w.text for w in words)
            full = len(words) == 1 and words[-1].x1 >= _right(region, edges, column) - 3.0
            rows[-1][column].append((text, full))
        previous = line
    table = Table([[_cell(parts, known) for parts in row] for row in rows], {}, None, f"page {number}")
    top, bottom = region[0].top, region[-1].bottom
    return Found(table, (edges[0], top, edges[-1], bottom), edges, bottom > height * 0.8)


def _right(region: list[_Line], edges: list[float], column: int) -> float:
    """How far right the words of a column reach."""
    return max((w.x1 for line in region for w in line.words if _column(edges, w) == column), default=edges[column + 1])


def _cell(parts: list[tuple[str, bool]], known: set[str]) -> str:
    """A cell's lines as its text: a word broken at the column's edge ("Recommen" / "dation": alone on
    its line, reaching the edge, and joined up a word the document uses) joined again; other lines as
    the page wraps them (see ``join_wrapped``)."""
    lines: list[str] = []
    broken = False
    for text, full in parts:
        first = text.split(" ", 1)[0]
        if lines and broken and text[:1].islower() and _bare(lines[-1].split(" ")[-1] + first) in known:
            lines[-1] += text
        else:
            lines.append(text)
        broken = full
    return join_wrapped(lines)
