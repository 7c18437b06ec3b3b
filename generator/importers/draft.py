"""Blocks → a draft plan (plain data, then YAML) for an editor to correct.

Tables become actions: each column is matched to a field by its heading
("Responsible person", "By whom" → responsible; "Timing/timescales" →
timescale...); a column naming a recommendation or priority starts a group;
a column that matches nothing goes into the action's commentary as
"Heading: value", so no cell is lost. Headings start groups and sections;
prose and lists become narrative sections.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table
from generator.model.fields import slugify

COLUMN_ROLES = (
    ("label", re.compile(r"^(no\.?|ref\.?|#|label|item|)$", re.I)),
    ("monitoring", re.compile(r"monitor", re.I)),
    ("group", re.compile(r"recommendation|objective|priority", re.I)),
    ("text", re.compile(r"action|activit|task|what will", re.I)),
    ("responsible", re.compile(r"responsib|by whom|^who\b|lead|owner", re.I)),
    ("audience", re.compile(r"audience|target group|for whom", re.I)),
    ("timescale", re.compile(r"timing|timescale|^when|date|deadline", re.I)),
    ("budget", re.compile(r"budget|cost|resource", re.I)),
    ("success_measures", re.compile(r"success|milestone|measure|outcome", re.I)),
)
"""A column's field, from its heading; the first unclaimed match wins, in this order."""

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json\n"


def column_roles(header: list[str]) -> dict[int, str]:
    """Column index → field name, for the columns whose heading says what they hold."""
    roles: dict[int, str] = {}
    for role, pattern in COLUMN_ROLES:
        for index, heading in enumerate(header):
            if index not in roles and pattern.search(heading.strip()) and role not in roles.values():
                if role == "label" and index != 0:
                    continue
                roles[index] = role
                break
    return roles


def _names(cell: str) -> list[str]:
    return [name.strip() for name in re.split(r"[\n;]", cell) if name.strip()]


def _markdown(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        if block.style and block.style in "aAiI" and len(block.style) == 1:
            letters = "abcdefghijklmnopqrstuvwxyz"
            marks = [f"{letters[i % 26] if block.style in 'aA' else i + 1}." for i in range(len(block.items))]
        else:
            marks = [f"{i + 1}." if block.ordered else "-" for i in range(len(block.items))]
        return "\n".join(f"{mark} {item}" for mark, item in zip(marks, block.items))
    return ""


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(self, words: str, fallback: str) -> str:
        base = (slugify(words)[:40].strip("-.") or fallback) if words else fallback
        candidate, number = base, 2
        while candidate in self.used:
            candidate, number = f"{base}-{number}", number + 1
        self.used.add(candidate)
        return candidate


def draft_plan(
    blocks: list[Block],
    *,
    plan_id: str | None,
    organisation: str,
    source_title: str,
    source_format: str,
    kind: str = "action-plan",
) -> dict[str, Any]:
    """A plan as plain data: valid against the schema, every imported word kept."""
    title = next((b.text for b in blocks if isinstance(b, Heading)), None)
    if title is None:
        title = next((b.text for b in blocks if isinstance(b, Paragraph) and len(b.text) <= 150), source_title)
    ids = _Ids()
    groups: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    heading: str | None = None
    prose: list[str] = []

    def flush_prose() -> None:
        if prose:
            sections.append(
                {"id": ids.make(heading or "text", "text"), "title": heading or "Text", "body": "\n\n".join(prose)}
            )
            prose.clear()

    for block in blocks:
        if isinstance(block, Heading):
            flush_prose()
            if block.text != title:
                heading = block.text
        elif isinstance(block, (Paragraph, ListBlock)):
            if not (isinstance(block, Paragraph) and block.text == title):
                prose.append(_markdown(block))
        elif isinstance(block, Table) and block.rows:
            flush_prose()
            groups += _table_groups(block, heading, ids)
    flush_prose()

    plan: dict[str, Any] = {
        "id": plan_id or slugify(title)[:60].strip("-.").replace(".", "-") or "imported-plan",
        "title": title,
        "organisation": organisation,
        "kind": kind,
        "status": "draft",
        "source": {
            "title": source_title,
            "format": source_format,
            "notes": ["Imported by `plansite import`: check every field against the source document."],
        },
    }
    if sections:
        plan["sections"] = sections
    if groups:
        plan["groups"] = groups
    return plan


def _table_groups(table: Table, heading: str | None, ids: _Ids) -> list[dict[str, Any]]:
    header = table.rows[0]
    roles = column_roles(header)
    if "text" not in roles.values() and "group" not in roles.values():
        roles, rows = {}, table.rows  # no heading row we understand: every row is an action
    else:
        rows = table.rows[1:]
    groups: list[dict[str, Any]] = []
    group: dict[str, Any] | None = None

    def new_group(label: str | None, text: str | None) -> dict[str, Any]:
        words = label or text or heading or "actions"
        entry: dict[str, Any] = {"id": ids.make(words, "group")}
        if label:
            entry["label"] = label
        if text:
            entry["text"] = text
        if not label and not text:
            entry["title"] = heading or "Actions"
        entry["actions"] = []
        groups.append(entry)
        return entry

    for cells in rows:
        if not any(cells):
            continue
        by_role = {role: cells[i] for i, role in roles.items() if i < len(cells)}
        others = [
            (header[i] if i < len(header) and roles else "", cell)
            for i, cell in enumerate(cells)
            if i not in roles and cell
        ]
        if by_role.get("group") or (by_role.get("label") and "group" in roles.values()):
            group = new_group(by_role.get("label") or None, by_role.get("group") or None)
        elif group is None:
            group = new_group(None, None)
        text = by_role.get("text") or ""
        if not text and not roles:
            text, others = " — ".join(c for c in cells if c), []
        if (
            not text
            and not any(by_role.get(r) for r in ("responsible", "timescale", "monitoring", "budget"))
            and not others
        ):
            continue  # a row that only starts a group
        action: dict[str, Any] = {"id": ids.make(f"{group['id']}-{len(group['actions']) + 1}", "action")}
        if by_role.get("label") and "group" not in roles.values():
            action["label"] = by_role["label"]
        action["text"] = text or "(no action text in the source)"
        for role in ("responsible", "audience"):
            if by_role.get(role):
                action[role] = _names(by_role[role])
        for role in ("monitoring", "timescale", "budget"):
            if by_role.get(role):
                action[role] = by_role[role]
        if by_role.get("success_measures"):
            action["success_measures"] = by_role["success_measures"]
        if others:
            action["commentary"] = "\n\n".join(f"{name}: {value}" if name else value for name, value in others)
        group["actions"].append(action)
    return [g for g in groups if g["actions"] or g.get("text") or g.get("label")]


def to_yaml(plan: dict[str, Any]) -> str:
    """The draft as a plan file, with the schema line editors' tools read."""
    body = yaml.safe_dump(plan, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return SCHEMA_LINE + body
