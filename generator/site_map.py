"""Where everything is on the site: the path of every generated page and data file,
and the URLs between them.

One table for the whole generator: the render stage writes pages at these paths, the
outputs put data files beside them, the plugin and the CLI hand them to the builder, and
the templates link to them by these names (never by a path written again).
"""

from __future__ import annotations

import functools
import posixpath

from generator.resolve.parties import (
    KIND_FIELDS,
    Kind,
    Party,
)

HOME_PAGE = "index.md"
GLOSSARY_PAGE = "glossary.md"
WHATS_ON_PAGE = "whats-on.md"
WHO_PAGE = "who-does-what.md"
INDICATORS_PAGE = "indicators/index.md"
RELATIONS_PAGE = "relations.md"
AUDIENCES_PAGE = "audiences/index.md"
PLANS_DIR = "plans"
SITE_CALENDAR = "plans.ics"


@functools.lru_cache(maxsize=65536)
def page_url(page: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives a page file; other files keep their path."""
    if not page.endswith(".md"):
        return page
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


@functools.lru_cache(maxsize=262144)
def relative_url(target: str, source: str) -> str:
    """``target`` URL as seen from the page at ``source`` URL."""
    base = source if source.endswith("/") or not source else posixpath.dirname(source) + "/"
    path, _, fragment = target.partition("#")
    relative = posixpath.relpath(path or ".", base.rstrip("/") or ".")
    if path.endswith("/") or not path:
        relative = relative.rstrip("/") + "/"
    if relative == "./":
        relative = "./"
    return relative + (f"#{fragment}" if fragment else "")


def plan_page(plan_id: str) -> str:
    return f"{PLANS_DIR}/{plan_id}.md"


PLAN_VIEWS = {"who-does-what": "Who does what", "timeline": "Timeline"}
"""A large plan's sub-pages (``plans/<id>/<view>/``) → their titles."""


def plan_view_page(plan_id: str, view: str) -> str:
    """A sub-page of a plan (one of ``PLAN_VIEWS``), under the plan's own address."""
    return f"{PLANS_DIR}/{plan_id}/{view}.md"


def party_page(party: Party) -> str:
    """A registry entry's page: roles/<id>.md, teams/<id>.md, audiences/<id>.md..."""
    return f"{KIND_FIELDS[party.kind]}/{party.id}.md"


def indicator_page(plan_id: str, indicator_id: str) -> str:
    """An indicator's own page, under its plan's id (indicator ids are unique within a plan)."""
    return f"indicators/{plan_id}/{indicator_id}.md"


def calendar_file(plan_id: str) -> str:
    """The plan's iCalendar feed, beside its page."""
    return f"{PLANS_DIR}/{plan_id}.ics"


EXPLORER_PAGE = "explorer.md"
EXPLORER_DATA = "actions.json"


SEARCH_PAGE = "search.md"
"""The search page, generated when a site uses Pagefind."""
DATA_PAGE = "data.md"
THEMES_PAGE = "themes.md"
HOW_TO_EDIT_PAGE = "how-to-edit.md"
CSV_COLUMNS = (
    "plan_id",
    "action_id",
    "page",
    "group_id",
    "group",
    "label",
    "text",
    "responsible",
    "partners",
    "audience",
    "monitoring",
    "timescale",
    "start",
    "end",
    "precision",
    "budget",
    "budget_amount",
    "status",
    "status_text",
    "progress",
    "updates",
)
"""One row per action; names joined with "; " as printed."""


def data_files(plan_id: str) -> tuple[str, str]:
    """A plan's open data files: its actions as CSV and the whole plan as JSON."""
    return f"{PLANS_DIR}/{plan_id}.csv", f"{PLANS_DIR}/{plan_id}.json"


ACCESSIBILITY_PAGE = "accessibility.md"


def whats_on_term_page(anchor: str) -> str:
    """A term's own What's on page (a large site's current and coming terms), by the term's anchor."""
    return f"{WHATS_ON_PAGE.removesuffix('.md')}/{anchor}.md"


SITE_FEED = "feed.xml"


def history_page(plan_id: str) -> str:
    """A plan's history page, under the plan's own address (``plans/<id>/history/``)."""
    return f"{PLANS_DIR}/{plan_id}/history.md"


def plan_feed(plan_id: str) -> str:
    """A plan's Atom feed, in the site's root folder: Material's script reads every
    ``<link rel="alternate">`` as another language of the site and fetches ``sitemap.xml``
    beside it, which exists only in the root."""
    return f"feed-{plan_id}.xml"


PLAN_SECTIONS = {
    "consultation": "Consultation",
    "status": "Status of each part of the plan",
    "overview": "Overview",
    "milestones": "Milestones",
    "criteria": "Success criteria",
    "progress": "Progress reported",
    "indicators": "Indicators",
    "dependencies": "Dependencies",
    "risks": "Risks",
    "timeline": "Timeline",
    "undated": "Ongoing, recurring or not dated",
    "who-does-what": "Who does what",
    "source": "About this plan",
}
"""A plan page's own sections: anchor → heading. The plan page's template writes each
section's heading from here (``section_heading``), and no item of a plan may take one of
these anchors as its id (``generator/resolve/catalogue.py``)."""


def section_heading(anchor: str, words: str | None = None) -> str:
    """A plan page section's heading with its anchor, as Markdown: ``Risks {#risks}``;
    ``words`` say it for this plan ("Status of each recommendation")."""
    return f"{words or PLAN_SECTIONS[anchor]} {{#{anchor}}}"


def audience_calendar_file(audience_id: str) -> str:
    """An audience's iCalendar feed, beside its page: the dates of every action aimed at it."""
    return f"{KIND_FIELDS[Kind.audience]}/{audience_id}.ics"
