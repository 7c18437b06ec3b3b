"""Data files written beside the pages: iCalendar feeds for now.

Render-stage output like the pages, keyed by path under the site. Output is
deterministic: events sorted, UIDs made from plan and item ids, DTSTAMP the
build date (from SOURCE_DATE_EPOCH), never the wall clock.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin, urlparse

import icalendar

from .render import SITE_CALENDAR, calendar_file, page_url, plan_page
from .resolve import Catalogue
from .timeline import Entry

PRODUCT_ID = "-//plansite//Published plans//EN"
SUMMARY_LENGTH = 160


def _summary(entry: Entry) -> str:
    text = f"{entry.label} {entry.title}" if entry.label and entry.kind.value == "action" else entry.title
    if entry.kind.value == "milestone" and entry.label:
        text = f"{entry.title} ({entry.label})"
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _event(entry: Entry, stamp: dt.datetime, site_url: str | None, domain: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{entry.uid}@{domain}")
    event.add("dtstamp", stamp)
    start = entry.start or entry.end
    end = entry.end or entry.start
    event.add("dtstart", start)
    event.add("dtend", end + dt.timedelta(days=1))  # all-day events end the day after
    event.add("summary", _summary(entry))
    lines = [entry.plan.title]
    if entry.group is not None and entry.group.title:
        lines.append(entry.group.title)
    if entry.action is not None and entry.action.responsible:
        lines.append("Responsible: " + "; ".join(m.text for m in entry.action.responsible))
    if entry.when.text:
        lines.append(f"Timescale as written: {entry.when.text}")
    if entry.when.open_end:
        lines.append("No end date is given.")
    if entry.when.open_start:
        lines.append("No start date is given.")
    page = page_url(plan_page(entry.plan.id)) + f"#{entry.anchor}"
    if site_url:
        address = urljoin(site_url, page)
        event.add("url", address)
        lines.append(address)
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    return event


def _calendar(name: str, entries: list[Entry], stamp: dt.datetime, site_url: str | None) -> str:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    domain = urlparse(site_url).hostname if site_url else None
    for entry in sorted(entries, key=lambda e: (e.start or e.end, e.uid)):
        if entry.dated:
            calendar.add_component(_event(entry, stamp, site_url, domain or "plansite"))
    return calendar.to_ical().decode("utf-8")


def calendars(catalogue: Catalogue, build_date: dt.date, site_url: str | None = None) -> dict[str, str]:
    """One .ics per plan and one for the whole site."""
    stamp = dt.datetime.combine(build_date, dt.time(), tzinfo=dt.timezone.utc)
    files = {}
    everything: list[Entry] = []
    for plan in catalogue.plans:
        entries = catalogue.schedule[plan.id].entries
        everything += entries
        files[calendar_file(plan.id)] = _calendar(plan.title, entries, stamp, site_url)
    files[SITE_CALENDAR] = _calendar("Published plans", everything, stamp, site_url)
    return files
