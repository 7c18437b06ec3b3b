"""Importers: Word, PDF, HTML, Plone exports and text → draft plan YAML.

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
from generator.importers.pdf import read_pdf
from generator.importers.text import read_text

READERS = {
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
    ".txt": read_text,
    ".tsv": read_text,
    ".pdf": read_pdf,
}

FORMATS = {
    ".docx": "Word document",
    ".html": "web page",
    ".htm": "web page",
    ".pdf": "PDF",
    ".tsv": "tab-separated text",
}


def source_format(path: Path) -> str:
    """How the draft's source notes name the file's format."""
    return FORMATS.get(path.suffix.lower(), "text")


def read_blocks(path: Path) -> list[Block]:
    """The blocks of a Word, PDF, HTML or text file."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ValueError(
            f"cannot import {path.suffix or 'files without a suffix'}: use .docx, .pdf, .html, .txt, .tsv or a Plone .json export"
        )
    return reader(path)
