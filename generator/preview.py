"""The editor's preview (``mkdocs serve``): what the plugin keeps between rebuilds, in plain
Python (the plugin, generator/plugin.py, wires it into MkDocs).

A save changes a few pages and data files; the plugin has MkDocs write only those
(``Site.changed``) and leaves the rest of the served site as the last build wrote it. Two
things of that site are made from every page, so they are kept here a page at a time:

- Material's search index (``search/search_index.json``): MkDocs' search plugin indexes
  only the pages a rebuild writes, so ``SearchDocs`` keeps each page's entries from the
  build that last wrote it and gives back the whole index, in page order, as a build of
  the whole site makes it;
- the problems of the plans (``PROBLEMS_FILE``): while a plan is broken the preview keeps
  the last good site and every page shows the problems (``overrides/partials/
  plansite-problems.html`` reads this file); when it is fixed the list is empty again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.problems import Problem

PROBLEMS_FILE = "plansite-problems.json"
"""The preview's list of the plans' problems, at the root of the served site (never in a
built site)."""


def problems_json(problems: Iterable[Problem]) -> bytes:
    """The problems as the preview's pages read them: file, line, column, severity, message, hint."""
    items = ",".join(problem.as_json() for problem in problems)
    return f'{{"problems":[{items}]}}\n'.encode()


def page_of(location: str) -> str:
    """The page address a search entry's location points into: ``plans/x/#a-1`` → ``plans/x/``."""
    return location.partition("#")[0]


class SearchDocs:
    """Each page's entries in Material's search index, as the build that last wrote the page
    made them, so that a rebuild writing a few pages can give the whole index to be shaped
    and written (``outputs.pagefind.shape_material_index``)."""

    def __init__(self) -> None:
        self.pages: dict[str, list[dict[str, Any]]] = {}
        """Page address → its entries."""

    def update(self, docs: list[dict[str, Any]], written: Iterable[str], whole: bool) -> None:
        """Take the entries of the pages ``written`` (addresses) from ``docs``, the entries
        the search plugin made in this build; ``whole``: every page was written."""
        fresh: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            fresh.setdefault(page_of(str(doc.get("location", ""))), []).append(doc)
        if whole:
            self.pages = {}
        for address in written:
            self.pages[address] = fresh.get(address, [])

    def in_order(self, addresses: Iterable[str]) -> list[dict[str, Any]]:
        """The kept entries of the pages at ``addresses``, in that order."""
        return [doc for address in addresses for doc in self.pages.get(address, [])]
