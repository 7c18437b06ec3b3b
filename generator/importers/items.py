"""An item's fields from the cells or the words it came with: people, dates, money, measures.

``fields`` is always role → [(column index, text)], as a table row gives them; items
read from text give one entry per role."""

from __future__ import annotations

import re
from typing import Any

from generator.importers.builder import Builder
from generator.importers.columns import heading_role

Fields = dict[str, list[tuple[int, str]]]

PEOPLE = ("responsible", "partners", "audience")

_FIELD_IN_TEXT = re.compile(
    r"(?:^|\n|(?<=[.;]) )(?P<key>lead(?: person| officer)?(?:/s|\(s\))?|responsib(?:le|ility)(?: officer| person)?|by whom|who|date(?: by)?|by when|timescales?|target date|deadline|success criteria|monitoring|monitored by|resources?|cost|budget)\s*:\s*",
    re.I,
)


def names(cell: str) -> list[str]:
    """The people or bodies in a cell, one a line or separated by semicolons."""
    return [name.strip() for name in re.split(r"[\n;]", cell) if name.strip()]


def clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(heading: str) -> str:
    return f' "{clip(heading, 40)}"' if heading else ""


def joined_dates(values: list[tuple[int, str]], header: list[str]) -> str:
    """One timescale from several date columns: "start – end" under start/end headings, else a line each."""
    if len(values) == 1:
        return values[0][1]
    if all(re.search(r"start|end|from|to\b|begin|finish", header[i], re.I) for i, _ in values if i < len(header)):
        return " – ".join(v for _, v in values)
    return "\n".join(v for _, v in values)


def shared(action: dict[str, Any], fields: Fields) -> None:
    """The row's people, timescale, budget and measures, for an item split out of a cell."""
    for role in PEOPLE:
        if role in fields:
            action[role] = [n for _, v in fields[role] for n in names(v)]
    for role in ("monitoring", "timescale", "budget", "success_measures"):
        if role in fields:
            action[role] = "\n".join(v for _, v in fields[role])


def progress_lines(fields: Fields, header: list[str]) -> list[str]:
    """A row's progress cells as "Heading: value", after the period they report on ("Q1 — Progress to date: …");
    a period with nothing reported is kept as "Q: Q2"."""
    period = "\n".join(v for _, v in fields.get("period", []))
    lines = [f"{header[i]}: {v}" if i < len(header) and header[i] else v for i, v in fields.get("progress", [])]
    if period and lines:
        return [f"{period} — {line}" for line in lines]
    if period:
        i = fields["period"][0][0]
        return [f"{header[i]}: {period}" if i < len(header) and header[i] else period]
    return lines


def extend(
    action: dict[str, Any], fields: Fields, others: list[tuple[int, str]], header: list[str], b: Builder, r: int
) -> None:
    """A row with no words of its own (a row split across pages, a second date): add its cells to the item above."""
    for line in progress_lines(fields, header):
        _add_commentary(action, line)
    for role, values in fields.items():
        text = "\n".join(v for _, v in values)
        if role in PEOPLE:
            action[role] = action.get(role, []) + names(text)
        elif role == "label":
            action["label"] = (action.get("label", "") + " " + text).strip()
        elif role in ("timescale", "monitoring", "budget", "success_measures"):
            action[role] = f"{action[role]}\n{text}" if action.get(role) else text
        elif role not in ("progress", "period"):
            _add_commentary(action, text)
    for i, v in others:
        _add_commentary(action, f"{header[i]}: {v}" if i < len(header) and header[i] else v)
    b.mark(action, "id", f"row {r + 1} of the source had no words of its own and was added to this item: check")


def _add_commentary(action: dict[str, Any], text: str) -> None:
    action["commentary"] = f"{action['commentary']}\n\n{text}" if action.get("commentary") else text


def fields_in_text(text: str) -> tuple[str, dict[str, str]]:
    """Words of an item, and "Lead: …", "Date by: …" parts written inside it."""
    matches = list(_FIELD_IN_TEXT.finditer(text))
    if not matches:
        return text, {}
    found: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        role = heading_role(match.group("key")) or ""
        if role == "label" or not role:
            continue
        found[role] = (found.get(role, "") + "\n" + text[match.end() : end].strip()).strip()
    return text[: matches[0].start()].strip(), found
