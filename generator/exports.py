"""Data files written beside the pages: iCalendar feeds for now.

Render-stage output like the pages, keyed by path under the site. Output is
deterministic: events sorted, UIDs made from plan and item ids, DTSTAMP the
build date (from SOURCE_DATE_EPOCH), never the wall clock.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from typing import Any
from urllib.parse import urljoin, urlparse

import icalendar

from .packed import Writer, held, joined
from .parallel import render_all
from .render import CSV_COLUMNS, SITE_CALENDAR, calendar_file, data_files, page_url, plan_page
from .resolve import Catalogue
from .timeline import Entry

PRODUCT_ID = "-//plansite//Published plans//EN"
SUMMARY_LENGTH = 160


def _summary(entry: Entry) -> str:
    text = f"{entry.label} {entry.title}" if entry.label and entry.kind.value == "action" else entry.title
    if entry.kind.value == "milestone" and entry.label:
        text = f"{entry.title} ({entry.label})"
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def _ical_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 asks (3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


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
    end = (entry.end or entry.start) + dt.timedelta(days=1)  # all-day events end the day after
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
    stamp = dt.datetime.combine(build_date, dt.time(), tzinfo=dt.timezone.utc)
    domain = (urlparse(site_url).hostname if site_url else None) or "plansite"
    files = {}
    everything: list[tuple[tuple, bytes]] = []

    def plan_events(plan) -> list[tuple[tuple, bytes]]:
        return [
            ((entry.start or entry.end, entry.uid), _event(entry, stamp, site_url, domain))
            for entry in catalogue.schedule[plan.id].entries
            if entry.dated
        ]

    for plan, events in zip(catalogue.plans, render_all([functools.partial(plan_events, plan) for plan in catalogue.plans])):
        everything += events
        files[calendar_file(plan.id)] = _calendar(plan.title, events, pack)
    files[SITE_CALENDAR] = _calendar("Published plans", everything, pack)
    return files


# --- open data: JSON and CSV ------------------------------------------------------

ACTIONS_CSV = "actions.csv"
PLANS_JSON = "plans.json"
SCHEMA_FILES = ("schema/plan.schema.json", "schema/registry.schema.json")


def _plan_record(catalogue: Catalogue, plan, today: dt.date) -> dict:
    """A plan as open data: the model as written, plus what was derived from it."""
    from .progress import progress_of

    whens = catalogue.whens.get(plan.id, {})
    derived = {}
    for action in plan.actions():
        when = whens.get(action.id)
        derived[action.id] = {
            "start": when.start.isoformat() if when and when.start else None,
            "end": when.end.isoformat() if when and when.end else None,
            "precision": when.precision.value if when and when.precision else None,
            "progress": progress_of(action, when, today).value,
        }
    return {
        "plan": plan.model_dump(mode="json", exclude_none=True),
        "derived": {"as_of": today.isoformat(), "actions": derived},
    }


def _json(value) -> str:
    import json

    # Compact: json's C encoder only runs without indent (ten times faster on a large site).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv(rows: list[dict]) -> str:
    """Rows as CSV, after the byte order mark (so Excel reads UTF-8) and the column names."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def _action_rows(catalogue: Catalogue, plan, today: dt.date, site_url: str | None) -> list[dict]:
    from .progress import progress_of
    from .text import group_heading, plain_text

    whens = catalogue.whens.get(plan.id, {})
    rows = []
    for group, _ in plan.walk_groups():
        for action in group.actions:
            when = whens.get(action.id)
            page = page_url(plan_page(plan.id)) + f"#{action.id}"
            rows.append(
                {
                    "plan_id": plan.id,
                    "action_id": action.id,
                    "page": urljoin(site_url, page) if site_url else page,
                    "group_id": group.id,
                    "group": group_heading(group),
                    "label": action.label or "",
                    "text": plain_text(action.text),
                    "responsible": "; ".join(m.text for m in action.responsible),
                    "partners": "; ".join(m.text for m in action.partners),
                    "audience": "; ".join(m.text for m in action.audience),
                    "monitoring": action.monitoring.text if action.monitoring else "",
                    "timescale": action.timescale.text if action.timescale else (when.text if when else ""),
                    "start": when.start.isoformat() if when and when.start else "",
                    "end": when.end.isoformat() if when and when.end else "",
                    "precision": when.precision.value if when and when.precision else "",
                    "budget": action.budget.text if action.budget else "",
                    "budget_amount": str(action.budget.amount) if action.budget and action.budget.amount is not None else "",
                    "status": action.status.state.value if action.status else "",
                    "status_text": action.status.text or "" if action.status else "",
                    "progress": progress_of(action, when, today).value,
                    "updates": len(action.updates),
                }
            )
    return rows


_PLAN_JSON_START = b'{"$schema":"../schema/plan.schema.json",'


def _plan_data(catalogue: Catalogue, plan, build_date: dt.date, site_url: str | None, pack: bool) -> tuple[Any, Any]:
    """A plan's JSON file and CSV file, in UTF-8 (packed, with ``pack``, in the render worker
    that made them, so that the whole site's open data never arrives unpacked at once)."""
    record = _json(_plan_record(catalogue, plan, build_date)).encode("utf-8")
    rows = _csv(_action_rows(catalogue, plan, build_date, site_url)).encode("utf-8")
    return held(_PLAN_JSON_START + record[1:], pack), held(rows, pack)


def open_data(
    catalogue: Catalogue, build_date: dt.date, site_url: str | None = None, pack: bool = False
) -> dict[str, Any]:
    """Per plan a JSON and a CSV; for the site plans.json, actions.csv and the JSON Schemas
    (UTF-8 bytes, or packed, like the calendars)."""
    from .model import Plan, Registry, json_schema

    # Each plan is serialised once; the site-wide files are written from the plans' own
    # files, a plan at a time (the same bytes as serialising all).
    files: dict[str, Any] = {}
    header = _csv([]).encode("utf-8")
    plans_json, actions_csv = Writer(pack), Writer(pack)
    plans_json.write(b'{"plans":[')
    actions_csv.write(header)
    jobs = [functools.partial(_plan_data, catalogue, plan, build_date, site_url, pack) for plan in catalogue.plans]
    for index, (plan, (json_file, csv_file)) in enumerate(zip(catalogue.plans, render_all(jobs))):
        files[data_files(plan.id)[1]], files[data_files(plan.id)[0]] = json_file, csv_file
        record = json_file.bytes() if pack else json_file
        plans_json.write((b",{" if index else b"{") + record[len(_PLAN_JSON_START) : -1])  # no $schema, no newline
        rows = csv_file.bytes() if pack else csv_file
        actions_csv.write(rows[len(header) :])
    registry = _json(catalogue.registry.model_dump(mode="json", exclude_none=True)).removesuffix("\n").encode("utf-8")
    plans_json.write(b'],"registry":' + registry + b"}\n")
    files[PLANS_JSON] = plans_json.close()
    files[ACTIONS_CSV] = actions_csv.close()
    files[SCHEMA_FILES[0]] = held(json_schema(Plan, "plan.schema.json").encode("utf-8"), pack)
    files[SCHEMA_FILES[1]] = held(json_schema(Registry, "registry.schema.json").encode("utf-8"), pack)
    return files
