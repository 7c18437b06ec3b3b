"""The search index: Pagefind's for a large site (plugin option ``search: pagefind``), and
the shape of Material's (``search_index.json``) for a small one.

Both hold the same entries (``render.search_records``), so the search box in the header
(overrides/assets/javascripts/plansite-search.js), which ranks the results itself, finds
the same places either way: an action by its own words, label, owners and audience, at
its anchor; a plan page by its title, subtitle and summary, not by its header's labels
and dates; a part of a page by its heading and words; a role, team, person, organisation
or audience page by its name, only if it lists something.

Pagefind indexes a copy of the pages Material's search would index (``search: exclude``
pages stay out) in a staging folder beside the site, so its results point at the pages
themselves. In the copy of each plan page, where the action tables are left out of the
index (``data-search-exclude``), its actions are added as headings with their anchors as
ids, which Pagefind makes the sub-results of the page; each field of an action (owners,
audience...) starts with an empty element whose id is the action's and the field's
(``5.2-2~o``), which Pagefind lists with its position among the page's words, so the
search box can tell an action's own words from its owners'. One page per plan keeps the
index's page list (fetched whole before a first search) short; each action's record holds
only its own words, as its page already holds the plan's title and the group headings once.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

EXCLUDE = [
    "[data-search-exclude]", ".headerlink", ".md-source-file", ".ps-vh",
    ".ps-party-actions", ".ps-party-plans", ".ps-party-kind", ".ps-timeline-block", ".ps-backlinks", ".ps-rollup",
    ".ps-rollup-none", ".ps-plan-header .ps-meta", ".ps-provenance", ".ps-downloads", ".ps-subscribe",
    ".ps-glance", ".ps-now-next", ".ps-jump", ".ps-about .ps-meta", ".ps-mentions", ".ps-term-index",
]  # fmt: skip
"""Left out of the index: bulky views (timelines, matrices, term lists) and hidden helper
text, as they stay out of Material's index; a plan page's header (its labels, status and
dates) and its provenance, which are not its words; and what only repeats words found in
their own place: the lists of actions on a person's or a team's page and the count line
above them, a plan's timeline, the lists of other plans' actions that refer to a plan or a
group ("Referenced by"), and progress roll-ups (a group's heading again, and counts); a plan
page's first screen (whose, when, its status and counts, what is on now, the links to its
parts) and its "About this plan" list; a party page's quotations of the plans' text that
name it and its terms' counts."""

VIEW_SECTIONS = ("timeline", "undated", "who-does-what", "source")
"""Sections of a plan page that show its actions again another way, or say where the plan
came from: not parts of the plan a search should offer (the words of their headings,
"Timeline", "About this plan", would otherwise match)."""

PARTY_FOLDERS = ("people", "roles", "teams", "organisations", "audiences")
"""Where the pages of the registry's parties are (``people.KIND_FIELDS``)."""

RECORDS = "ps-pagefind-records"
"""The class of the block of action records added to the staging copy of a plan page."""

FIELDS = (("text", "m"), ("o", "o"), ("a", "a"), ("x", "x"), ("t", "t"))
"""An action entry's fields after its title (its heading), with the letter that marks where
each starts in the staging copy (``<span id="5.2-2~o">``)."""

TERMS_FILE = "plansite-terms.json"
"""Written into Pagefind's folder: the acronyms and synonyms a query is expanded with."""


class PagefindFailed(Exception):
    pass


def is_party_page(address: str) -> bool:
    """Whether a site-relative page address (``roles/x/``, ``roles/x.html``) is a party's page."""
    parts = address.strip("/").split("/")
    return len(parts) == 2 and parts[0] in PARTY_FOLDERS


def records_block(entries: list[dict[str, Any]]) -> str:
    """An h2 per action, its anchor as id (and its group's, as the id of an empty element:
    ``<span id="ANCHOR~g~GROUP"></span>``), and its fields, each after an empty marker
    element (``<span id="ANCHOR~o"></span>``). Words arrive HTML-escaped
    (``render.search_records``); ids are escaped here."""
    body = []
    for entry in entries:
        anchor = html.escape(entry["location"].partition("#")[2])
        group = f'<span id="{anchor}~g~{html.escape(entry["gid"])}"></span>' if entry.get("gid") else ""
        body.append(f'<h2 id="{anchor}">{group}{entry["title"]}</h2>')
        body.extend(f'<p><span id="{anchor}~{mark}"></span>{entry[key]}</p>' for key, mark in FIELDS if entry.get(key))
    return f'<section class="{RECORDS}">{"".join(body)}</section>'


def page_block(page: dict[str, Any]) -> str:
    """What a plan page's copy adds besides its actions: its organisation, as metadata
    only (Pagefind keeps it with the page for the results, and does not index it)."""
    return f'<p data-pagefind-meta="org" data-pagefind-ignore>{page.get("org", "")}</p>'


def page_address(dest: str) -> str:
    """The address of a built page relative to the site root: ``plans/x/index.html`` → ``plans/x/``."""
    return dest.removesuffix("index.html")


def _lists_something(text: str) -> bool:
    """Whether a party page lists anything (actions, plans, members): it then has sections."""
    start = text.find("<article")
    return start >= 0 and "<h2 " in text[start:]


def stage(site_dir: Path, pages: list[str], entries: list[dict[str, Any]], staging: Path) -> None:
    """Copies of ``pages`` (paths of built HTML files relative to ``site_dir``) under
    ``staging``: each plan page with its actions' records added to its article and its
    views' headings left out of the index; a party page only if it lists something."""
    by_page: dict[str, list[dict[str, Any]]] = {}
    plan_pages: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if entry.get("k") == "p":
            plan_pages[entry["location"]] = entry
        elif entry.get("k", "a") == "a":
            by_page.setdefault(entry["location"].partition("#")[0], []).append(entry)
    for dest in sorted(set(pages)):
        source, target = site_dir / dest, staging / dest
        address = page_address(dest)
        found = by_page.pop(address, None)
        plan = plan_pages.get(address)
        if found is None and plan is None:
            if is_party_page(address) and not _lists_something(source.read_text(encoding="utf-8")):
                continue  # a role, team or audience page that lists nothing: "takes part in 0 actions"
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)  # an unchanged page: no need to copy its bytes
            except OSError:
                shutil.copyfile(source, target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        for section in VIEW_SECTIONS:
            text = text.replace(f'<h2 id="{section}">', f'<h2 id="{section}" data-pagefind-ignore>', 1)
        end = text.rfind("</article>")
        if end < 0:
            raise PagefindFailed(f"{dest}: no <article> to add its actions to")
        added = (page_block(plan) if plan else "") + (records_block(found) if found else "")
        target.write_text(text[:end] + added + text[end:], encoding="utf-8")
    if by_page:
        raise PagefindFailed(f"actions of pages that were not built: {', '.join(sorted(by_page)[:5])}")


def search_terms(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The acronyms and synonyms the search box expands a query with (the first entry)."""
    first = entries[0] if entries else {}
    if first.get("k") != "terms":
        return {"acronyms": {}, "synonyms": []}
    return {"acronyms": first.get("acronyms", {}), "synonyms": first.get("synonyms", [])}


class PagefindStopped(Exception):
    """Pagefind was stopped before its index was written whole (``index_with_pagefind``'s ``stop``)."""


def index_with_pagefind(
    site_dir: Path, pages: list[str], entries: list[dict[str, Any]], stop: threading.Event | None = None
) -> None:
    """Write ``site_dir/pagefind/``: the built HTML files ``pages`` (relative to ``site_dir``)
    and every entry in ``entries``, and the terms a query is expanded with. When ``stop`` is
    set before Pagefind is done (``mkdocs serve``: a save came), Pagefind is stopped, what it
    wrote is removed, and ``PagefindStopped`` raised."""
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.pagefind-", dir=site_dir.parent))
    try:
        stage(site_dir, pages, entries, staging)
        command = [
            sys.executable, "-m", "pagefind", "--site", str(staging), "--output-path", str(site_dir / "pagefind"),
            "--root-selector", "article", "--exclude-selectors", ", ".join(EXCLUDE),
            "--force-language", "en", "--quiet",
        ]  # fmt: skip
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as said:
            with subprocess.Popen(command, stdout=said, stderr=subprocess.STDOUT, text=True) as process:
                while stop is not None and process.poll() is None:
                    if stop.wait(0.1):
                        process.kill()
                        process.wait()
                        shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
                        raise PagefindStopped
            said.seek(0)
            output = said.read()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if process.returncode != 0:
        raise PagefindFailed(output.strip()[-2000:])
    terms = json.dumps(search_terms(entries), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    (site_dir / "pagefind" / TERMS_FILE).write_text(terms + "\n", encoding="utf-8")


# --- Material's index ---------------------------------------------------------------------

SEPARATOR = r"""[\s\-–—,:;!?=\[\]()"“”‘’'/·…|+*]+|\.(?!\d)|&(?:amp|lt|gt|quot|#39);"""
"""Where Material's search splits words: spaces, hyphens and dashes, punctuation (a full
stop only before a non-digit, so "5.4" stays a word), escaped HTML characters."""

FIELD_BOOSTS = {"title": 10.0, "text": 1.0, "o": 4.0, "a": 3.0, "x": 3.0, "g": 1.0, "t": 0.5, "org": 1.0}
"""The fields Material's search indexes (lunr finds the candidates; the search box ranks
them itself, plansite-search.js); a party page's ``show`` is only shown."""

_PARTY_KIND_LINE = re.compile(r"^\s*<p>(.*?)</p>\s*", re.DOTALL)


def shape_material_index(data: dict[str, Any], entries: list[dict[str, Any]]) -> dict[str, Any]:
    """Material's ``search_index.json`` (``data``) with plansite's entries: each plan page's
    own entry in place of the one Material made of its header, its groups' own entries in
    place of their sections (Material's parser lets an action table's words into the section
    above it, ``data-search-exclude`` or not), its view sections left out;
    a party page as one entry with its name and description (the count line above them
    shown, not searched), and only if it lists something; theme tags dropped from every
    page's sections (themes are searched, with little weight, on the entries that have
    them); every action's entry; the fields and separator the search box uses; and the
    terms a query is expanded with."""
    plan_pages = {entry["location"]: entry for entry in entries if entry.get("k") == "p"}
    actions = [entry for entry in entries if entry.get("k") == "a"]
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if entry.get("k") == "s":
            groups.setdefault(entry["location"].partition("#")[0], []).append(entry)
    by_page: dict[str, list[dict[str, Any]]] = {}
    for doc in data.get("docs", []):
        by_page.setdefault(doc["location"].partition("#")[0], []).append(doc)
    docs: list[dict[str, Any]] = []
    for page, found in by_page.items():
        if page in plan_pages:
            own = groups.get(page, [])
            replaced = {entry["location"] for entry in own}
            docs.append(plan_pages[page])
            docs.extend(own)
            docs.extend(
                {**_untagged(doc), "k": "s"}
                for doc in found
                if "#" in doc["location"]
                and doc["location"].partition("#")[2] not in VIEW_SECTIONS
                and doc["location"] not in replaced
            )
        elif is_party_page(page):
            if len(found) < 2:
                continue  # lists nothing: its page has no sections
            article = _untagged(found[0])
            kind_line = _PARTY_KIND_LINE.match(article.get("text", ""))
            if kind_line:
                article["show"] = kind_line.group(1)
                article["text"] = article["text"][kind_line.end() :]
            docs.append({**article, "location": page, "k": "y"})
        else:
            docs.extend({**_untagged(doc), "k": "o"} for doc in found)
    config = dict(data.get("config", {}))
    config["separator"] = SEPARATOR
    config["fields"] = {name: {"boost": boost} for name, boost in FIELD_BOOSTS.items()}
    return {"config": config, "docs": docs + actions, "plansite": search_terms(entries)}


def _untagged(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in doc.items() if key != "tags"}
