"""HTML (a page saved from Plone or any CMS) → blocks, with Beautiful Soup."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table, tidy

_SKIP = {"script", "style", "nav", "header", "footer", "form", "noscript", "aside"}


def _text(element: Tag) -> str:
    for br in element.find_all("br"):
        br.replace_with("\n")
    return tidy(element.get_text(" "))


def _table(table: Tag) -> Table:
    rows = []
    for row_index, row in enumerate(table.find_all("tr")):
        cells = []
        for cell in row.find_all(["th", "td"], recursive=False):
            span = int(cell.get("colspan", 1) or 1) if str(cell.get("colspan", "1")).isdigit() else 1
            text = _text(cell)
            # a heading spanning columns heads each of them; a data cell fills the first
            cells += [text] * span if row_index == 0 else [text] + [""] * (span - 1)
        if any(cells):
            rows.append(cells)
    return Table(rows)


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
                    blocks.append(Paragraph(text))
            elif child.name in ("ul", "ol"):
                items = [_text(li) for li in child.find_all("li", recursive=False)]
                style = child.get("type") or ("1" if child.name == "ol" else None)
                blocks.append(ListBlock([i for i in items if i], ordered=child.name == "ol", style=style))
            elif child.name == "table":
                blocks.append(_table(child))
            else:
                walk(child)

    walk(root)
    return blocks


def read_html(path: Path) -> list[Block]:
    return blocks_from_html(path.read_text(encoding="utf-8", errors="replace"))
