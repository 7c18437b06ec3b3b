"""A Pagefind search index for a large site (plugin option ``search: pagefind``).

Pagefind indexes the built pages in chunks, so a browser fetches a few small files per
search instead of one index of the whole site. Every action is also findable on its own at
its anchor, as with Material's search, so the same query finds the same actions either way.

Pagefind indexes a copy of the pages Material's search would index (``search: exclude``
pages stay out) in a staging folder beside the site, so its results point at the pages
themselves. In the copy of each plan page, where the action tables are left out of the
index (``data-search-exclude``), its actions are added as headings with their anchors as
ids, which Pagefind makes the sub-results of the page. One page per plan keeps the index's
page list (fetched whole before a first search) short; each action's record holds only its
own words, as its page already holds the plan's title and the group headings once.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXCLUDE = [
    "[data-search-exclude]", ".headerlink", ".md-source-file", ".ps-vh",
    ".ps-party-actions", ".ps-timeline-block", ".ps-backlinks", ".ps-rollup",
]  # fmt: skip
"""Left out of the index: bulky views (timelines, matrices, term lists) and hidden helper
text, as they stay out of Material's index; and what only repeats words found in their own
place: the lists of actions on a person's or a team's page, a plan's timeline, the lists
of other plans' actions that refer to a plan or a group ("Referenced by"), and progress
roll-ups (a group's heading again, and counts)."""

RECORDS = "ps-pagefind-records"
"""The class of the block of action records added to the staging copy of a plan page."""


class PagefindFailed(Exception):
    pass


def records_block(entries: list[dict[str, str]]) -> str:
    """An h2 per action, its anchor as id, and its words. Titles and words arrive
    HTML-escaped (``render.search_entries``)."""
    body = "".join(
        f'<h2 id="{html.escape(entry["location"].partition("#")[2])}">{entry["title"]}</h2><p>{entry["text"]}</p>'
        for entry in entries
    )
    return f'<section class="{RECORDS}">{body}</section>'


def page_address(dest: str) -> str:
    """The address of a built page relative to the site root: ``plans/x/index.html`` → ``plans/x/``."""
    return dest.removesuffix("index.html")


def stage(site_dir: Path, pages: list[str], entries: list[dict[str, str]], staging: Path) -> None:
    """Copies of ``pages`` (paths of built HTML files relative to ``site_dir``) under
    ``staging``, each plan page with its actions' records added to its article."""
    by_page: dict[str, list[dict[str, str]]] = {}
    for entry in entries:
        by_page.setdefault(entry["location"].partition("#")[0], []).append(entry)
    for dest in sorted(set(pages)):
        source, target = site_dir / dest, staging / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        found = by_page.pop(page_address(dest), None)
        if found is None:
            try:
                os.link(source, target)  # an unchanged page: no need to copy its bytes
            except OSError:
                shutil.copyfile(source, target)
            continue
        text = source.read_text(encoding="utf-8")
        end = text.rfind("</article>")
        if end < 0:
            raise PagefindFailed(f"{dest}: no <article> to add its actions to")
        target.write_text(text[:end] + records_block(found) + text[end:], encoding="utf-8")
    if by_page:
        raise PagefindFailed(f"actions of pages that were not built: {', '.join(sorted(by_page)[:5])}")


def index_with_pagefind(site_dir: Path, pages: list[str], entries: list[dict[str, str]]) -> None:
    """Write ``site_dir/pagefind/``: the built HTML files ``pages`` (relative to ``site_dir``)
    and every action in ``entries``."""
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.pagefind-", dir=site_dir.parent))
    try:
        stage(site_dir, pages, entries, staging)
        command = [
            sys.executable, "-m", "pagefind", "--site", str(staging), "--output-path", str(site_dir / "pagefind"),
            "--root-selector", "article", "--exclude-selectors", ", ".join(EXCLUDE),
            "--force-language", "en", "--quiet",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if result.returncode != 0:
        raise PagefindFailed((result.stderr or result.stdout).strip()[-2000:])
