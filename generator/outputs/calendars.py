"""iCalendar feeds: one per plan, one per audience (what a school subscribes to: every
dated action aimed at headteachers, say) and one for the whole site.

Deterministic: events sorted, UIDs made from plan and item ids, DTSTAMP the build date
(from SOURCE_DATE_EPOCH), never the wall clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any
from urllib.parse import urljoin, urlparse

import icalendar

from generator.render.packed import joined
from generator.render.parallel import render_all
from generator.resolve.catalogue import Catalogue
from generator.resolve.parties import Kind, audience_entries
from generator.resolve.timeline import Entry
from generator.site_map import (
    SITE_CALENDAR,
    audience_calendar_file,
    calendar_file,
    page_url,
    plan_page,
)

PRODUCT_ID = "-//plansite//Published plans//EN"
SUMMARY_LENGTH = 160


def _summary(entry: Entry) -> str:
    text = f"{entry.label} {entry.title}" if entry.label and entry.kind.value == "action" else entry.title
    if entry.kind.value == "milestone" and entry.label:
        text = f"{entry.title} ({entry.label})"
    if entry.kind.value == "criterion":
        text = f"Success criterion{' ' + entry.label if entry.label else ''}: {entry.title}"
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _ical_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 asks (3.3.11)."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")
    )


def _fold(line: str) -> bytes:
    """One content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, width = [], 0, 75
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation byte: step back
            end -= 1
        parts.append(data[start:end])
        start, width = end, 74  # a folded line starts with a space
    return b"\r\n ".join(parts) + b"\r\n"


def _event(entry: Entry, stamp: dt.datetime, site_url: str | None, domain: str) -> bytes:
    """One all-day VEVENT, serialised. icalendar builds the calendars around it and reads
    them back in the tests; serialising each event here is fifty times faster than
    icalendar's line folding, which a site of a thousand plans noticed."""
    start = entry.start or entry.end
    last = entry.end or entry.start
    assert start is not None and last is not None  # only dated entries are events
    end = last + dt.timedelta(days=1)  # all-day events end the day after
    lines = [entry.plan.name]
    if entry.group is not None and entry.group.title:
        lines.append(entry.group.title)
    if entry.action is not None and entry.action.responsible:
        lines.append("Responsible: " + "; ".join(m.text for m in entry.action.responsible))
    if entry.when.text:
        lines.append(f"Timescale as written: {entry.when.text}")
    if entry.when.open_end:
        lines.append("No end date is given.")
    if entry.when.deadline:
        lines.append("A deadline: to be done by this date.")
    elif entry.when.open_start:
        lines.append("No start date is given.")
    page = page_url(plan_page(entry.plan.id)) + f"#{entry.anchor}"
    address = urljoin(site_url, page) if site_url else None
    if address:
        lines.append(address)
    properties = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_ical_text(_summary(entry))}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"UID:{_ical_text(f'{entry.uid}@{domain}')}",
        f"DESCRIPTION:{_ical_text(chr(10).join(lines))}",
        "TRANSP:TRANSPARENT",
        *([f"URL:{address}"] if address else []),
        "END:VEVENT",
    ]
    return b"".join(_fold(line) for line in properties)


def _calendar(name: str, events: list[tuple[tuple, bytes]], pack: bool = False) -> Any:
    """A VCALENDAR around already serialised events, in date order (packed as it is written)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    head, _, tail = calendar.to_ical().partition(b"END:VCALENDAR")
    body = (text for _, text in sorted(events, key=lambda event: event[0]))
    return joined(itertools.chain([head], body, [b"END:VCALENDAR" + tail]), pack)


def calendars(
    catalogue: Catalogue, build_date: dt.date, site_url: str | None = None, pack: bool = False
) -> dict[str, Any]:
    """One .ics per plan and one for the whole site; each event is serialised once. Data files
    are UTF-8 bytes, as written: at 1,000 plans the same text as Python strings took twice
    the memory or more (one character outside ASCII makes a string two or four bytes a
    character). With ``pack``, each file is ``generator.packed.Packed`` as soon as it is made."""
    stamp = dt.datetime.combine(build_date, dt.time(), tzinfo=dt.UTC)
    domain = (urlparse(site_url).hostname if site_url else None) or "plansite"
    files = {}
    everything: list[tuple[tuple, bytes]] = []

    def plan_events(plan) -> list[tuple[tuple, bytes]]:
        return [
            ((entry.start or entry.end, entry.uid), _event(entry, stamp, site_url, domain))
            for entry in catalogue.schedule[plan.id].entries
            if entry.dated
        ]

    serialised: dict[str, bytes] = {}
    for plan, events in zip(
        catalogue.plans, render_all([functools.partial(plan_events, plan) for plan in catalogue.plans])
    ):
        everything += events
        files[calendar_file(plan.id)] = _calendar(plan.title, events, pack)
        serialised.update((uid, text) for (_, uid), text in events)
    files[SITE_CALENDAR] = _calendar("Published plans", everything, pack)
    files.update(audience_calendars(catalogue, serialised, pack))
    return files


def audience_calendars(catalogue: Catalogue, serialised: dict[str, bytes], pack: bool = False) -> dict[str, Any]:
    """One .ics per audience that has dated entries, made of the plans' events already
    serialised (``serialised``: uid → event): a school subscribes to what is aimed at it."""
    files = {}
    directory = catalogue.directory
    for party in directory.everyone_published():
        if party.kind is not Kind.audience:
            continue
        entries = [e for e in audience_entries(party, directory, catalogue.schedule) if e.dated]
        if entries:
            events = [((e.start or e.end, e.uid), serialised[e.uid]) for e in entries]
            name = f"{party.name}: dates from the published plans"
            files[audience_calendar_file(party.id)] = _calendar(name, events, pack)
    return files
