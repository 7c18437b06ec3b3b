"""Lifting finished HTML out of generated Markdown, so Python-Markdown skips it.

A generated page is Markdown (headings, for the table of contents) with large blocks of
finished, escaped HTML in between: action tables, timelines, matrices. Python-Markdown
passes raw HTML blocks through unchanged, but finds where each ends by parsing it, which
was most of the build time of a large site. ``lift`` swaps each top-level block for a
placeholder comment before MkDocs converts the page, and ``restore`` puts the HTML back
into the converted page: the same HTML, without the parse.
"""

from __future__ import annotations

import re

_TAGS = ("div", "table", "section", "dl", "ul", "ol", "figure", "details", "nav", "aside", "p", "svg")
_START = re.compile(rf"<({'|'.join(_TAGS)})[\s>]")
_OPENING = {tag: re.compile(rf"<{tag}[\s>]") for tag in _TAGS}
_PLACEHOLDER = "<!--plansite:block:{}-->"
_RESTORE = re.compile(r"<!--plansite:block:(\d+)-->")


def lift(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each top-level HTML block replaced by a numbered placeholder
    comment, and the blocks in order. Blocks are found by balancing their own tag, which
    holds for the well-formed, escaped HTML the templates write."""
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _START.match(line)
        if match is None:
            out.append(line)
            i += 1
            continue
        opening, closing = _OPENING[match.group(1)], f"</{match.group(1)}>"
        depth, start = 0, i
        while i < len(lines):
            depth += len(opening.findall(lines[i])) - lines[i].count(closing)
            i += 1
            if depth <= 0:
                break
        if depth > 0:  # unbalanced: leave it to Python-Markdown as it was
            out.extend(lines[start:i])
            continue
        blocks.append("\n".join(lines[start:i]))
        out.extend(["", _PLACEHOLDER.format(len(blocks) - 1), ""])
    return "\n".join(out), blocks


def restore(html: str, blocks: list[str]) -> str:
    """The converted page with each placeholder replaced by its block."""
    return _RESTORE.sub(lambda match: blocks[int(match.group(1))], html)
