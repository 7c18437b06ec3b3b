"""A Pagefind search index for a large site (plugin option ``search: pagefind``).

Pagefind indexes the built pages in chunks, so a browser fetches a few small files per
search instead of one index of the whole site. Every action is also findable on its own at
its anchor, as with Material's search, so the same query finds the same actions either way.

Pagefind makes a sub-result of each heading with an id. Before indexing, each plan's
actions are written as a records page of such headings under ``RECORDS``; the Pagefind
command-line tool indexes the site and the records together (its per-record Python API
takes a round trip per action, hours for a thousand plans); the records pages are then
removed, and the search page maps their addresses back to the plan pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

RECORDS = "_plansite_records"
"""Folder of the records pages while Pagefind runs; result addresses under it are mapped
back to the plan pages by the search page (overrides/assets/javascripts/plansite.js)."""

EXCLUDE = ["[data-search-exclude]", ".headerlink", ".md-source-file", ".ps-vh"]
"""Bulky views (timelines, matrices, term lists) and hidden helper text stay out, as they
stay out of Material's index."""


class PagefindFailed(Exception):
    pass


def _records_pages(entries: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    pages: dict[str, list[dict[str, str]]] = {}
    for entry in entries:
        page, _, _ = entry["location"].partition("#")
        pages.setdefault(page, []).append(entry)
    return pages


def write_records(site_dir: Path, entries: list[dict[str, str]], titles: dict[str, str]) -> Path:
    """One records page per plan page: an h2 per action (its anchor as id) and its words.
    Titles and words arrive HTML-escaped (``render.search_entries``)."""
    root = site_dir / RECORDS
    for page, found in sorted(_records_pages(entries).items()):
        body = "".join(
            f'<h2 id="{entry["location"].partition("#")[2]}">{entry["title"]}</h2><p>{entry["text"]}</p>'
            for entry in found
        )
        title = titles.get(page, "")
        html = f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>'
        target = root / page / "index.html" if page.endswith("/") or not page else root / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return root


def index_with_pagefind(site_dir: Path, entries: list[dict[str, str]], titles: dict[str, str]) -> None:
    """Write ``site_dir/pagefind/``: every page under ``site_dir`` and every action.
    ``titles`` maps a plan page's address to its (escaped) title."""
    records = write_records(site_dir, entries, titles)
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--root-selector", "article",
        "--exclude-selectors", ", ".join(EXCLUDE), "--force-language", "en", "--quiet",
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(records, ignore_errors=True)
    if result.returncode != 0:
        raise PagefindFailed((result.stderr or result.stdout).strip()[-2000:])
