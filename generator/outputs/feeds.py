"""Atom feeds: one per plan, and one of every plan's updates for the whole site.

Deterministic: every date comes from git; a feed's ``updated`` is its newest entry.
Commit messages and plan text are untrusted: text (never markup) in the feeds.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlparse

from generator.history.plan_history import Entry, SiteHistory
from generator.model.plan import Plan
from generator.resolve.catalogue import Catalogue
from generator.site_map import (
    SITE_FEED,
    history_page,
    page_url,
    plan_feed,
    relative_url,
)

FEED_LIMIT = 50
"""Entries in a feed; the history pages list every change."""
ATOM = "http://www.w3.org/2005/Atom"


# --- Atom ------------------------------------------------------------------------------


def _authority(site_url: str | None) -> str:
    return (urlparse(site_url).hostname if site_url else None) or "plansite"


def _address(target: str, feed: str, site_url: str | None, directory_urls: bool) -> str:
    """A page's address as the feed gives it: absolute with a site_url, else relative to the feed."""
    page, _, anchor = target.partition("#")
    url = page_url(page, directory_urls) + (f"#{anchor}" if anchor else "")
    return urljoin(site_url, url) if site_url else relative_url(url, feed)


def _content(entry: Entry) -> str:
    """The entry as escaped HTML (Atom ``type="html"``): the message's body, the note and the changes."""
    parts = [f"<p>{html.escape(paragraph)}</p>" for paragraph in entry.commit.body.split("\n\n") if paragraph.strip()]
    if entry.note:
        parts.append(f"<p>{html.escape(entry.note)}</p>")
    if entry.changes:
        parts.append("<ul>" + "".join(f"<li>{html.escape(c.sentence)}</li>" for c in entry.changes) + "</ul>")
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _feed(
    path: str,
    title: str,
    author: str,
    alternate: str,
    entries: list[tuple[Plan, Entry]],
    site_url: str | None,
    directory_urls: bool,
    with_plan_title: bool,
) -> str:
    entries = entries[:FEED_LIMIT]
    authority = _authority(site_url)
    oldest = min(e.commit.date for _, e in entries).date().isoformat()
    root = ET.Element("feed", {"xmlns": ATOM})
    _sub(root, "id", urljoin(site_url, path) if site_url else f"tag:{authority},{oldest}:{path}")
    _sub(root, "title", title)
    _sub(root, "updated", max(e.commit.date for _, e in entries).isoformat())
    _sub(_sub(root, "author"), "name", author)
    _sub(
        root,
        "link",
        rel="self",
        type="application/atom+xml",
        href=urljoin(site_url, path) if site_url else path.rpartition("/")[2],
    )
    _sub(root, "link", rel="alternate", type="text/html", href=_address(alternate, path, site_url, directory_urls))
    _sub(root, "generator", "plansite")
    for plan, entry in entries:
        item = _sub(root, "entry")
        subject = entry.commit.subject or "Changes to the plan"
        _sub(item, "id", f"tag:{authority},{entry.commit.date.date().isoformat()}:{plan.id}/{entry.commit.sha}")
        _sub(item, "title", f"{plan.title}: {subject}" if with_plan_title else subject)
        _sub(item, "updated", entry.commit.date.isoformat())
        link = f"{history_page(plan.id)}#c-{entry.commit.short}"
        _sub(item, "link", rel="alternate", type="text/html", href=_address(link, path, site_url, directory_urls))
        _sub(
            item,
            "summary",
            f"{len(entry.changes)} change(s) to {plan.title}" if entry.changes else entry.note or subject,
        )
        _sub(item, "content", _content(entry), type="html")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def feeds(
    catalogue: Catalogue, history: SiteHistory, site_url: str | None, site_name: str, directory_urls: bool = True
) -> dict[str, str]:
    """An Atom feed per plan with a recorded history, and one for the whole site (when any)."""
    if not history.available:
        return {}
    files = {}
    everything: list[tuple[Plan, Entry]] = []
    for plan in catalogue.plans:
        entries = [(plan, entry) for entry in history.of(plan.id).entries]
        if not entries:
            continue
        everything += entries
        files[plan_feed(plan.id)] = _feed(
            plan_feed(plan.id),
            f"Changes to {plan.title}",
            catalogue.organisation_name(plan.organisation),
            history_page(plan.id),
            entries,
            site_url,
            directory_urls,
            with_plan_title=False,
        )
    if everything:
        everything.sort(key=lambda item: (item[1].commit.date, item[1].commit.sha, item[0].id), reverse=True)
        files[SITE_FEED] = _feed(
            SITE_FEED,
            f"{site_name}: changes to the plans",
            site_name,
            "index.md",
            everything,
            site_url,
            directory_urls,
            True,
        )
    return files
