"""A Pagefind search index for a large site (plugin option ``search: pagefind``).

Pagefind indexes the built pages in chunks, so a browser fetches a few small files per
search instead of one index of the whole site. Every action is also added as a record of
its own, pointing at its anchor, as the plugin does for Material's search: the same query
finds the same actions either way.
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

EXCLUDE = ["[data-search-exclude]", ".headerlink", ".md-source-file", ".ps-vh"]
"""Bulky views (timelines, matrices, term lists) and hidden helper text stay out, as they
stay out of Material's index."""


async def _index(site_dir: Path, entries: list[dict[str, str]]) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(root_selector="article", exclude_selectors=EXCLUDE, force_language="en")
    async with PagefindIndex(config=config) as index:
        pages = await index.add_directory(path=str(site_dir))
        for entry in entries:
            await index.add_custom_record(
                url="/" + entry["location"],  # as Pagefind names pages; the search page adds the base
                content=html.unescape(entry["text"]),
                language="en",
                meta={"title": html.unescape(entry["title"])},
            )
        await index.write_files(output_path=str(site_dir / "pagefind"))
    return int(pages["page_count"])


def index_with_pagefind(site_dir: Path, entries: list[dict[str, str]]) -> int:
    """Write ``site_dir/pagefind/``: the pages under ``site_dir`` and one record per action.
    Returns the number of pages indexed."""
    return asyncio.run(_index(site_dir, entries))
