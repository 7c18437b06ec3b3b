"""HTML (a page saved from Plone or any CMS) → blocks, with Beautiful Soup."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table, grid, tidy
from generator.importers.columns import heading_like

_SKIP = {"script", "style", "nav", "header", "footer", "form", "noscript", "aside"}


_BLOCKS = ("p", "li", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6")


def _text(element: Tag) -> str:
    """The element's text, a line for each line break, paragraph and list item in it."""
    for br in element.find_all("br"):
        br.replace_with("\n")
    for block in element.find_all(_BLOCKS):
        block.insert_after("\n")
        if block.name == "li" and element.name in ("td", "th"):
            block.insert(
                0,
                "• "
                if block.parent is None or block.parent.name != "ol"
                else f"{len(block.find_previous_siblings('li')) + 1}. ",
            )
    return tidy(element.get_text(" "))


def _bold(element: Tag) -> bool:
    """Every word of the element is in bold (``<b>``, ``<strong>``, or a bold style)."""
    text = "".join(element.get_text().split())
    if not text:
        return False
    bold = element.find_all(lambda t: t.name in ("b", "strong") or "bold" in str(t.get("style", "")).replace(" ", ""))
    outer = [t for t in bold if not any(p in bold for p in t.parents)]
    return "".join("".join(t.get_text().split()) for t in outer) == text


def _span(cell: Tag, name: str) -> int:
    value = str(cell.get(name, "1") or "1").strip()
    return min(int(value), 1000) if value.isdigit() and int(value) > 0 else 1


def _table(table: Tag) -> Table:
    """Rows of cells, ``rowspan`` and ``colspan`` kept: a merged cell is one cell."""
    rows, header_rows, in_header = [], 0, True
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue  # a row of a table inside a cell
        cells = row.find_all(["th", "td"], recursive=False)
        if not cells:
            continue
        heading = row.find_parent("thead") is not None or all(c.name == "th" for c in cells)
        if in_header and heading:
            header_rows += 1
        else:
            in_header = False
        rows.append([(_text(c), _span(c, "rowspan"), _span(c, "colspan")) for c in cells])
    result = grid(rows, header_rows)
    keep = [i for i, row in enumerate(result.rows) if any(row)]
    if len(keep) != len(result.rows):  # drop empty rows, keeping the merges' positions right
        index = {old: new for new, old in enumerate(keep)}
        result.spans = {(index[r], c): s for (r, c), s in result.spans.items() if r in index}
        result.rows = [result.rows[i] for i in keep]
    return result


def blocks_from_html(markup: str) -> list[Block]:
    soup = BeautifulSoup(markup, "html.parser")
    root = soup.find("main") or soup.find(id="content") or soup.find("article") or soup.body or soup
    blocks: list[Block] = []

    def walk(element: Tag) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                text = tidy(str(child))
                if text and child.parent is root:
                    blocks.append(Paragraph(text))
                continue
            if not isinstance(child, Tag) or child.name in _SKIP:
                continue
            if child.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                if text := _text(child):
                    blocks.append(Heading(int(child.name[1]), text))
            elif child.name == "p":
                if text := _text(child):
                    bold = "\n" not in text and _bold(child) and heading_like(text)
                    blocks.append(Heading(4, text) if bold else Paragraph(text))
            elif child.name in ("ul", "ol"):
                items = [_text(li) for li in child.find_all("li", recursive=False)]
                given = child.get("type")
                style = given if isinstance(given, str) and given else ("1" if child.name == "ol" else None)
                blocks.append(ListBlock([i for i in items if i], ordered=child.name == "ol", style=style))
            elif child.name == "table":
                blocks.append(_table(child))
            else:
                walk(child)

    walk(root)
    return blocks


def read_html(path: Path) -> list[Block]:
    return blocks_from_html(path.read_text(encoding="utf-8", errors="replace"))
