"""Importers: Word, HTML, Plone exports and tab-separated text → draft plan YAML.

Each reader turns its format into the same few blocks (headings, paragraphs,
lists, tables); ``draft.draft_plan`` turns blocks into a plan an editor then
corrects. Nothing is dropped: a table column the draft cannot place goes into
the action's commentary, prose goes into narrative sections.
"""

from __future__ import annotations

from pathlib import Path

from generator.importers.blocks import Block
from generator.importers.docx import read_docx
from generator.importers.html import read_html
from generator.importers.text import read_text

READERS = {
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
    ".txt": read_text,
    ".tsv": read_text,
}


def read_blocks(path: Path) -> list[Block]:
    """The blocks of a Word, HTML or text file."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ValueError(
            f"cannot import {path.suffix or 'files without a suffix'}: use .docx, .html, .txt, .tsv or a Plone .json export"
        )
    return reader(path)
