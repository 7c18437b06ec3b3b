"""Blocks → a draft plan (plain data, then YAML) for an editor to correct.

Tables become actions. Each column's field comes from its heading ("Lead Person/s" →
responsible, "Date By" → timescale) or, where the heading says nothing or the cells
say otherwise, from the cells (a column of 1.1, 1.2… is labels; of "By July 2005",
"Autumn 2003"… timescales; of roles and names, the people responsible). A header row
never becomes an item; a label at the start of a cell ("1.1 All Service Plans…") is
split from the words; a row of one cell across the table, or a new value in a
recommendation/priority column, starts a group (a merged cell is one group). A
column that fits no field goes into the action's commentary as "Heading: value",
so no cell is lost, and the report lists it.

Text (a PDF's, or text copied out of one) arrives as paragraphs and labelled or
bulleted items: items under a recommendation/priority/action heading, or with a
deadline, become actions; other prose becomes narrative sections.

Every guess is recorded (``Draft.checks``) and written into the YAML as a
``# CHECK: …`` comment on the line it concerns.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table
from generator.importers.columns import (
    Column,
    content_kind,
    heading_role,
    is_date,
    is_label,
    looks_like_heading,
    split_label,
    trailing_date,
    words,
)
from generator.importers.report import Check, Report, TableReport, Unplaced, find_checks
from generator.model.fields import slugify

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json\n"
PLACEHOLDER = "(no action text in the source)"

CRITERIA_FIELD: str | None = None
"""Where success criteria read from a table or list go. None (today's schema): they are
imported as actions of a group named for them, marked for checking. When the plan
schema has criteria items, set this to their field name ("criteria") and each becomes
``{id, label, text, timescale}`` in that list on the group instead."""

_GROUPISH = re.compile(
    r"\b(?:recommendation|key issue|priority|objective|aim|area for (?:development|improvement)|activity|action|target|strand|theme|outcome|criteria|workstream)s?\b",
    re.I,
)
_CRITERIA = re.compile(r"success criteria|criteria for success|measures? of success|success measures?", re.I)
_FIELD_IN_TEXT = re.compile(
    r"(?:^|\n|(?<=[.;]) )(?P<key>lead(?: person| officer)?(?:/s|\(s\))?|responsib(?:le|ility)(?: officer| person)?|by whom|who|date(?: by)?|by when|timescales?|target date|deadline|success criteria|monitoring|monitored by|resources?|cost|budget)\s*:\s*",
    re.I,
)

# --- plain helpers ----------------------------------------------------------


def _names(cell: str) -> list[str]:
    return [name.strip() for name in re.split(r"[\n;]", cell) if name.strip()]


def _markdown(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        if block.labels and any(block.labels):
            return "\n\n".join(f"{label} {item}".strip() for label, item in zip(block.labels, block.items))
        if block.style and block.style in "aAiI" and len(block.style) == 1:
            letters = "abcdefghijklmnopqrstuvwxyz"
            marks = [f"{letters[i % 26] if block.style in 'aA' else i + 1}." for i in range(len(block.items))]
        else:
            marks = [f"{i + 1}." if block.ordered else "-" for i in range(len(block.items))]
        return "\n".join(f"{mark} {item}" for mark, item in zip(marks, block.items))
    return ""


try:  # the plan page's own anchors, which items may not take
    from generator.resolve.catalogue import RESERVED_ANCHORS
except ImportError:  # pragma: no cover - the module moved
    RESERVED_ANCHORS = frozenset(
        {
            "overview",
            "consultation",
            "narrative",
            "milestones",
            "indicators",
            "dependencies",
            "risks",
            "timeline",
            "structure",
            "source",
            "links",
            "undated",
            "who-does-what",
        }
    )


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set(RESERVED_ANCHORS)

    def make(self, words_: str, fallback: str) -> str:
        base = (slugify(words_)[:40].strip("-.") or fallback) if words_ else fallback
        base = base.replace(".", "-").strip("-") or fallback
        candidate, number = base, 2
        while candidate in self.used:
            candidate, number = f"{base}-{number}", number + 1
        self.used.add(candidate)
        return candidate


@dataclass
class Draft:
    plan: dict[str, Any]
    report: Report
    marks: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)
    """(path to a key in the plan, message): each guess, to be written as a ``# CHECK:`` comment."""


class _Builder:
    """Collects groups, sections, report lines and guesses while the blocks are read."""

    def __init__(self, report: Report) -> None:
        self.ids = _Ids()
        self.groups: list[dict[str, Any]] = []
        self.sections: list[dict[str, Any]] = []
        self.report = report
        self.marks: list[tuple[list[Any], dict[str, Any], str, str]] = []  # (container, item, key, message)

    def mark(self, item: dict[str, Any], key: str, message: str) -> None:
        self.marks.append(([], item, key, message))

    def new_group(
        self, into: list[dict[str, Any]], *, label: str | None = None, text: str | None = None, title: str | None = None
    ) -> dict[str, Any]:
        words_ = label or text or title or "actions"
        entry: dict[str, Any] = {"id": self.ids.make(words_ if len(words_) < 60 else words_[:60], "group")}
        if label:
            entry["label"] = label
        if title:
            entry["title"] = title
        if text:
            entry["text"] = text
        if not label and not text and not title:
            entry["title"] = "Actions"
        entry["actions"] = []
        into.append(entry)
        return entry


# --- tables -----------------------------------------------------------------


def _header_rows(table: Table) -> tuple[list[int], str]:
    """Which rows are column headings, and how that was decided."""
    if table.header_rows:
        return list(range(table.header_rows)), "marked as headings in the source"
    rows = table.rows
    found: list[int] = []
    for index, row in enumerate(rows[: min(4, len(rows) - 1)]):
        filled = [c for c in row if c.strip()]
        distinct = list(dict.fromkeys(filled))
        if not filled:
            continue
        if len(distinct) == 1 and len(row) >= 3 and not found:
            continue  # a title row across the table: a group, not headings
        named = sum(1 for c in distinct if heading_role(c) and words(c) <= 8)
        heading_like = all(
            looks_like_heading(c)
            or (heading_role(c) and words(c) <= 8)
            or (words(c) <= 6 and not is_label(c) and not is_date(c) and not c.rstrip().endswith("."))
            for c in distinct
        )
        if heading_like and named >= max(1, len(distinct) // 2):
            found.append(index)
        else:
            break
    return found, "read from its cells (short, and a heading's words)"


def _row_text(row: list[str]) -> str:
    return " | ".join(dict.fromkeys(c.replace("\n", " ") for c in row if c.strip()))


def _columns(table: Table, header: list[str], body: list[int]) -> list[Column]:
    covered = table.covered()
    width = len(table.rows[0]) if table.rows else 0
    columns: list[Column] = []
    for index in range(width):
        heading = header[index] if index < len(header) else ""
        values = [table.rows[r][index] for r in body if (r, index) not in covered and not _single_cell(table, r)]
        by_heading = heading_role(heading) if heading else None
        by_content, why = content_kind(values)
        strong = by_content in ("label", "timescale") and why and int(why.split("%")[0]) >= 80
        if (
            by_heading
            and by_content
            and by_content != by_heading
            and strong
            and by_heading not in ("label", "timescale", "budget", "responsible", "partners", "audience")
        ):
            columns.append(Column(index, by_content, f"its content ({why}), not its heading", heading))
        elif by_heading:
            columns.append(Column(index, by_heading, "its heading", heading))
        elif by_content:
            columns.append(Column(index, by_content, f"its content ({why})", heading))
        else:
            columns.append(Column(index, None, "neither heading nor content", heading))
    _settle(columns, table, body, covered)
    return columns


def _mean_words(table: Table, body: list[int], index: int) -> float:
    values = [table.rows[r][index] for r in body if table.rows[r][index].strip()]
    return sum(words(v) for v in values) / len(values) if values else 0.0


def _settle(columns: list[Column], table: Table, body: list[int], covered: dict) -> None:
    """One column per field where only one makes sense; the text column found if no heading named it."""
    roles = [c.role for c in columns]
    # two label columns around a group column: the first labels the groups
    group_at = next((c.index for c in columns if c.role == "group"), None)
    labels = [c for c in columns if c.role == "label"]
    if group_at is not None and labels:
        first = labels[0]
        group_rows = {r for r in body if table.rows[r][group_at].strip() and (r, group_at) not in covered}
        label_rows = {r for r in body if table.rows[r][first.index].strip() and (r, first.index) not in covered}
        if (
            label_rows
            and label_rows <= group_rows
            and (len(labels) > 1 or first.index < group_at or len(body) > len(group_rows))
        ):
            first.role = "group_label"
            first.reason += "; its labels start groups"
    for role in ("text", "label", "group", "group_label"):
        same = [c for c in columns if c.role == role]
        if len(same) <= 1:
            continue
        keep = max(same, key=lambda c: _mean_words(table, body, c.index)) if role == "text" else same[0]
        for c in same:
            if c is not keep:
                c.role, c.reason = None, f"{c.reason}; another column already holds the {role}"
    if not any(c.role == "text" for c in columns):
        candidates = [c for c in columns if c.role in (None, "success_measures", "progress")]
        criteria = [c for c in columns if c.role == "success_measures" and _CRITERIA.search(c.heading or "")]
        group = next((c for c in columns if c.role == "group"), None)
        if criteria and not any(c.role in ("group",) for c in columns):
            criteria[0].role, criteria[0].reason = "criteria", f"{criteria[0].reason}: the table lists success criteria"
        elif group is not None and not any(c.role is None and _mean_words(table, body, c.index) > 4 for c in columns):
            group.role, group.reason = (
                "text",
                f"{group.reason}; no other column holds the items' words, so each row is an item",
            )
        elif candidates:
            best = max(candidates, key=lambda c: _mean_words(table, body, c.index))
            if _mean_words(table, body, best.index) >= 2:
                best.role, best.reason = (
                    "text",
                    f"{best.reason}; it has the longest cells, so it is taken as the items' words",
                )
    del roles


def _single_cell(table: Table, r: int) -> bool:
    """A row with one cell across the table (or one filled cell of three or more): a group's title."""
    row = table.rows[r]
    filled = [i for i, c in enumerate(row) if c.strip()]
    if len(row) < 3 or len(filled) != 1:
        return False
    span = table.spans.get((r, filled[0]), (1, 1))
    return span[1] >= len(row) - 1 or filled[0] == 0 and span[1] >= 2


def _table_groups(
    table: Table, heading: str | None, number: int, b: _Builder, parents: dict[str, dict[str, Any]]
) -> None:
    where = table.where or f"table {number}"
    report = TableReport(where, len(table.rows))
    b.report.tables.append(report)
    head_rows, head_why = _header_rows(table)
    table.header_rows_found = head_rows  # type: ignore[attr-defined]
    header: list[str] = []
    width = len(table.rows[0]) if table.rows else 0
    for index in range(width):
        parts = list(
            dict.fromkeys(
                table.rows[r][index].replace("\n", " ").strip() for r in head_rows if table.rows[r][index].strip()
            )
        )
        header.append(" ".join(parts))
    report.header = [f"{_row_text(table.rows[r])} ({head_why})" for r in head_rows]
    header_keys = {tuple(c.strip().lower() for c in table.rows[r]) for r in head_rows}
    body = [r for r in range(len(table.rows)) if r not in head_rows]
    repeats = [r for r in body if tuple(c.strip().lower() for c in table.rows[r]) in header_keys]
    if repeats:
        report.notes.append(
            f"heading row repeated at row(s) {', '.join(str(r + 1) for r in repeats)} (a new page): skipped"
        )
    body = [r for r in body if r not in repeats]
    columns = _columns(table, header, body)
    report.columns = [c.describe() for c in columns]
    role_of = {c.index: c.role for c in columns}
    column_of: dict[str, list[int]] = {}
    for c in columns:
        if c.role:
            column_of.setdefault(c.role, []).append(c.index)
    covered = table.covered()
    criteria_table = "criteria" in column_of
    text_role = "criteria" if criteria_table else "text"
    has_group_column = "group" in column_of

    # where the groups go: under the heading the table sits beneath, when the table names groups itself
    target = b.groups
    if heading and has_group_column:
        parent = parents.get(heading)
        if parent is None:
            parent = b.new_group(b.groups, title=heading)
            parent.pop("actions")
            parent["groups"] = []
            parents[heading] = parent
        target = parent["groups"]
    group: dict[str, Any] | None = None
    last_action: dict[str, Any] | None = None
    first_use: dict[str, bool] = {}
    split_count = 0
    dated_count = 0
    marked_header = False
    made_groups = 0

    def start_group(label: str | None, text: str | None, title: str | None = None) -> dict[str, Any]:
        nonlocal made_groups
        made_groups += 1
        entry = b.new_group(target, label=label, text=text, title=title)
        if criteria_table:
            entry.setdefault("title", f"{heading or 'Success criteria'}")
            b.mark(
                entry,
                "title" if "title" in entry else "id",
                "success criteria, imported as actions until the plan schema has criteria items",
            )
        return entry

    def value(r: int, i: int) -> str:
        """The cell's text; a cell covered by a merge from a row above repeats it (a lead for several rows)."""
        origin = covered.get((r, i))
        if origin and origin[0] < r:
            return (
                table.rows[origin[0]][origin[1]]
                if role_of.get(i) not in ("group", "group_label", "label", "text", "criteria")
                else ""
            )
        return table.rows[r][i]

    for r in body:
        row = table.rows[r]
        if not any(c.strip() for c in row):
            continue
        if _single_cell(table, r) and not (
            role_of.get(next(i for i, c in enumerate(row) if c.strip())) == text_role
            and not table.spans.get((r, next(i for i, c in enumerate(row) if c.strip())))
        ):
            cell = next(c for c in row if c.strip())
            split = split_label(cell)
            label, text = split if split else (None, cell)
            if label is None and words(cell) <= 12 and not cell.rstrip().endswith("."):
                group = start_group(None, None, cell)
            else:
                group = start_group(label, text)
            report.notes.append(f"row {r + 1}: one cell across the table, taken as a group: {_clip(cell)!r}")
            last_action = None
            continue
        cells = {i: value(r, i) for i in range(len(row))}
        by: dict[str, list[tuple[int, str]]] = {}
        for i, text in cells.items():
            if role_of.get(i) and text.strip():
                by.setdefault(role_of[i], []).append((i, text))
        others = [
            (i, text)
            for i, text in cells.items()
            if not role_of.get(i) and text.strip() and not (covered.get((r, i)) and covered[(r, i)][0] < r)
        ]
        # a new group: a value in the group column (a merged cell gives it once)
        group_text = by.get("group", [(None, "")])[0][1]
        group_label = by.get("group_label", [(None, "")])[0][1]
        if group_text or group_label:
            same = group is not None and group_text and group.get("text") == group_text and not group_label
            if not same:
                label, text = group_label or None, group_text or None
                if text and not label and (split := split_label(text)):
                    label, text = split
                group = start_group(label, text)
                last_action = None
        if group is None:
            title = heading or None
            if criteria_table and not title:
                title = header[column_of["criteria"][0]] or "Success criteria"
            group = start_group(None, None, title)
        text = "\n".join(t for _, t in by.get(text_role, []))
        fields = {role: vals for role, vals in by.items() if role not in ("group", "group_label", text_role)}
        if not text.strip():
            if not fields and not others:
                continue  # a row that only starts a group
            text_origin = covered.get((r, column_of.get(text_role, [-1])[0]))
            if last_action is not None and (text_origin is not None or not by.get("label")):
                _extend(last_action, fields, others, header, b, r)
                report.notes.append(f"row {r + 1} has no words of its own: its cells were added to the item above")
                continue
        several = _cell_items(text) if text and "label" not in column_of else None
        if several:
            report.notes.append(
                f"row {r + 1}: its words list {len(several)} items (a bullet or a label each): one item each, sharing the row's other cells"
            )
            for item_label, item_text in several[:-1]:
                action = {"id": b.ids.make(f"{group['id']}-{len(group['actions']) + 1}", "action")}
                if item_label:
                    action["label"] = item_label
                action["text"] = item_text
                _shared(action, fields)
                group["actions"].append(action)
                report.items += 1
                if len(several) and not first_use.get("several"):
                    first_use["several"] = True
                    b.mark(
                        action,
                        "id",
                        "one cell listed several items: each became an item with the row's other cells; check",
                    )
            text = (f"{several[-1][0]} " if several[-1][0] else "") + several[-1][1]
        action: dict[str, Any] = {"id": b.ids.make(f"{group['id']}-{len(group['actions']) + 1}", "action")}
        label = by.get("label", [(None, "")])[0][1].strip()
        if not label and text and "label" not in column_of and (split := split_label(text)):
            label, text = split
            split_count += 1
            if split_count == 1:
                b.mark(
                    action,
                    "label",
                    "label split from the start of the item's words (1.1, a), …); check it in every item of this table",
                )
        if label:
            action["label"] = label
        action["text"] = text.strip() or PLACEHOLDER
        if not text.strip():
            b.mark(action, "text", "no words for this item in the source: write them or delete the item")
        for role in ("responsible", "partners", "audience"):
            if role in fields:
                action[role] = [n for _, v in fields[role] for n in _names(v)]
        if "monitoring" in fields:
            action["monitoring"] = "\n".join(v for _, v in fields["monitoring"])
        if "timescale" in fields:
            action["timescale"] = _joined_dates(fields["timescale"], header)
        elif "timescale" not in column_of and (found := trailing_date(action["text"])) and found[0]:
            action["text"], action["timescale"] = found
            dated_count += 1
            if dated_count == 1:
                b.mark(
                    action,
                    "timescale",
                    "deadline split from the end of the item's words; check it in every item of this table",
                )
        if "budget" in fields:
            action["budget"] = "\n".join(v for _, v in fields["budget"])
        if "success_measures" in fields:
            action["success_measures"] = "\n\n".join(v for _, v in fields["success_measures"])
        commentary = [f"{header[i]}: {v}" if header[i] else v for i, v in fields.get("progress", [])]
        for i, v in others:
            commentary.append(f"{header[i]}: {v}" if i < len(header) and header[i] else v)
            b.report.unplaced.append(
                Unplaced(f"{where}, row {r + 1}, column {i + 1}", v, f"commentary of {action['id']}")
            )
        if commentary:
            action["commentary"] = "\n\n".join(commentary)
        for c in columns:
            if c.role and c.role in fields and c.reason.startswith("its content") and not first_use.get(c.role):
                key = {"progress": "commentary", "success_measures": "success_measures"}.get(c.role, c.role)
                if key in action:
                    first_use[c.role] = True
                    b.mark(
                        action,
                        key,
                        f"column {c.index + 1}{_quoted(c.heading)} taken as {c.role} from its content; check this column in every item",
                    )
            if c.role is None and c.index in dict(others) and not first_use.get(f"none{c.index}"):
                first_use[f"none{c.index}"] = True
                b.mark(
                    action, "commentary", f"column {c.index + 1}{_quoted(c.heading)} fits no field: kept in commentary"
                )
        if not marked_header and head_rows and not table.header_rows:
            marked_header = True
            b.mark(
                action, "id", f"heading row taken from its cells: {_clip(_row_text(table.rows[head_rows[-1]]), 60)!r}"
            )
        elif not marked_header and not head_rows:
            marked_header = True
            b.mark(action, "id", "this table has no heading row: its columns were read from their cells")
        group["actions"].append(action)
        last_action = action
        report.items += 1
        if criteria_table:
            report.criteria += 1
    report.groups = made_groups
    if split_count:
        report.notes.append(f"{split_count} label(s) split from the start of the items' words")
    if dated_count:
        report.notes.append(f"{dated_count} deadline(s) split from the end of the items' words")
    if heading and has_group_column and parents.get(heading) is not None and not parents[heading]["groups"]:
        b.groups.remove(parents.pop(heading))


def _shared(action: dict[str, Any], fields: dict[str, list[tuple[int, str]]]) -> None:
    """The row's people, timescale, budget and measures, for an item split out of a cell."""
    for role in ("responsible", "partners", "audience"):
        if role in fields:
            action[role] = [n for _, v in fields[role] for n in _names(v)]
    for role in ("monitoring", "timescale", "budget", "success_measures"):
        if role in fields:
            action[role] = "\n".join(v for _, v in fields[role])


def _quoted(heading: str) -> str:
    return f' "{_clip(heading, 40)}"' if heading else ""


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _joined_dates(values: list[tuple[int, str]], header: list[str]) -> str:
    if len(values) == 1:
        return values[0][1]
    if all(re.search(r"start|end|from|to\b|begin|finish", header[i], re.I) for i, _ in values if i < len(header)):
        return " – ".join(v for _, v in values)
    return "\n".join(v for _, v in values)


def _extend(
    action: dict[str, Any],
    fields: dict[str, list[tuple[int, str]]],
    others: list[tuple[int, str]],
    header: list[str],
    b: _Builder,
    r: int,
) -> None:
    """A row with no words of its own (a row split across pages, a second date): add its cells to the item above."""
    for role, values in fields.items():
        text = "\n".join(v for _, v in values)
        if role in ("responsible", "partners", "audience"):
            action[role] = action.get(role, []) + _names(text)
        elif role == "label":
            action["label"] = (action.get("label", "") + " " + text).strip()
        elif role == "timescale":
            action["timescale"] = f"{action['timescale']}\n{text}" if action.get("timescale") else text
        elif role in ("monitoring", "budget", "success_measures"):
            action[role] = f"{action[role]}\n{text}" if action.get(role) else text
        else:
            action["commentary"] = f"{action['commentary']}\n\n{text}" if action.get("commentary") else text
    for i, v in others:
        line = f"{header[i]}: {v}" if i < len(header) and header[i] else v
        action["commentary"] = f"{action['commentary']}\n\n{line}" if action.get("commentary") else line
    b.mark(action, "id", f"row {r + 1} of the source had no words of its own and was added to this item: check")


# --- lists and prose --------------------------------------------------------


def _fields_in_text(text: str) -> tuple[str, dict[str, str]]:
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


def _list_actions(block: ListBlock, heading: str | None, b: _Builder, state: dict[str, Any]) -> bool:
    """Items of a list as actions, if they are actions. False (and nothing done) if they are prose."""
    labels = block.labels or [""] * len(block.items)
    dated = sum(1 for item in block.items if trailing_date(item))
    under_action_heading = bool(heading and _GROUPISH.search(heading))
    if not (under_action_heading or dated):
        return False
    criteria = bool(heading and _CRITERIA.search(heading))
    report = state.setdefault("report", None)
    if report is None:
        report = TableReport("text", 0)
        report.columns = ["items read from text: a label or bullet starts each, a deadline at its end is its timescale"]
        b.report.tables.append(report)
        state["report"] = report
    group = state.get("group")
    if group is None or state.get("heading") != heading:
        split = split_label(heading) if heading else None
        group = b.new_group(
            b.groups,
            label=split[0] if split else None,
            text=split[1] if split and words(split[1]) > 12 else None,
            title=(split[1] if split and words(split[1]) <= 12 else heading) or None,
        )
        state["group"], state["heading"] = group, heading
        report.groups += 1
        if criteria:
            b.mark(
                group,
                "title" if "title" in group else "id",
                "success criteria, imported as actions until the plan schema has criteria items",
            )

    def parent(index: int) -> bool:
        """An item whose label the next items' labels extend ("1" before "1.1"): it heads them."""
        label = labels[index].rstrip(".:)").strip()
        return bool(label) and any(
            other.startswith(label + ".") and other.rstrip(".") != label for other in labels[index + 1 :]
        )

    sub_group: dict[str, Any] | None = None
    for index, (label, item) in enumerate(zip(labels, block.items)):
        report.rows += 1
        if parent(index) and not trailing_date(item):
            sub_group = {"id": b.ids.make(label or item, "group"), "label": label, "text": item, "actions": []}
            group.setdefault("groups", []).append(sub_group)
            report.groups += 1
            continue
        into = sub_group if sub_group is not None else group
        words_, parts = _fields_in_text(item)
        action: dict[str, Any] = {"id": b.ids.make(f"{into['id']}-{len(into['actions']) + 1}", "action")}
        if label:
            action["label"] = label
        action["text"] = words_ or item
        if "responsible" in parts:
            action["responsible"] = _names(parts.pop("responsible"))
        if "timescale" in parts:
            action["timescale"] = parts.pop("timescale")
        elif found := trailing_date(action["text"]):
            action["text"], action["timescale"] = found
        for role in ("monitoring", "budget", "success_measures"):
            if role in parts:
                action[role] = parts.pop(role)
        if parts:
            action["commentary"] = "\n\n".join(parts.values())
        if not state.get("marked"):
            state["marked"] = True
            b.mark(
                action, "id", "items read from text: check each item's label, words and timescale against the source"
            )
        into["actions"].append(action)
        report.items += 1
        if criteria:
            report.criteria += 1
    if group.get("groups") and not group["actions"]:
        group.pop("actions")
    return True


def draft_document(
    blocks: list[Block],
    *,
    plan_id: str | None,
    organisation: str,
    source_title: str,
    source_format: str,
    kind: str = "action-plan",
) -> Draft:
    """A draft plan with its import report: valid against the schema, every imported word kept."""
    report = Report(source_title, source_format)
    title_block = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None) or next(
        (b for b in blocks if isinstance(b, Heading)), None
    )
    title = title_block.text if title_block else None
    if title is None:
        title = next((b.text for b in blocks if isinstance(b, Paragraph) and len(b.text) <= 150), source_title)
    blocks = _itemise(blocks)
    b = _Builder(report)
    heading: str | None = None
    prose: list[str] = []
    parents: dict[str, dict[str, Any]] = {}
    list_state: dict[str, Any] = {}
    tables = 0
    heading_empty = False

    def flush_prose() -> None:
        if prose:
            b.sections.append(
                {"id": b.ids.make(heading or "text", "text"), "title": heading or "Text", "body": "\n\n".join(prose)}
            )
            prose.clear()

    for block in blocks:
        kind_name = type(block).__name__
        if isinstance(block, Heading):
            flush_prose()
            if block is not title_block or block.level != 1:
                # a heading with nothing under it before the next (a part title) is kept in the next one's title
                heading = f"{heading}: {block.text}" if heading and heading_empty else block.text
                heading_empty = True
            list_state = {"report": list_state.get("report")}
            continue
        heading_empty = False
        if False:
            pass
        elif isinstance(block, ListBlock):
            if not _list_actions(block, heading, b, list_state):
                prose.append(_markdown(block))
        elif isinstance(block, Paragraph):
            if block.text != title:
                prose.append(block.text)
        elif isinstance(block, Table) and block.rows and _facts(block):
            prose.append(
                "\n\n".join(" ".join(c for c in row if c.strip()) for row in block.rows if any(c.strip() for c in row))
            )
            report.notes.append(f"a table of 'name: value' pairs kept as text: {_clip(_row_text(block.rows[0]), 60)!r}")
        elif isinstance(block, Table) and block.rows:
            flush_prose()
            tables += 1
            _table_groups(block, heading, tables, b, parents)
        elif kind_name == "Skipped":
            report.notes.append(f"skipped {block.why}: {block.text!r}")  # type: ignore[attr-defined]
    flush_prose()
    groups = [g for g in b.groups if _keeps(g)]
    lost = _lost(blocks, {"groups": groups, "sections": b.sections, "title": title})
    if lost:
        section = {
            "id": b.ids.make("not-placed-by-the-import", "not-placed"),
            "title": "Not placed by the import",
            "body": "\n\n".join(lost),
        }
        b.sections.append(section)
        b.mark(
            section,
            "title",
            "text the import could not place: move each part where it belongs, then delete this section",
        )
        for text in lost:
            report.unplaced.append(Unplaced("text", text, "section 'Not placed by the import'"))

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
    if b.sections:
        plan["sections"] = b.sections
    if groups:
        plan["groups"] = groups
    draft = Draft(plan, report)
    _count(plan, report)
    draft.marks.append(
        (
            ("status",),
            "draft made by plansite import: read it against the source, resolve every CHECK, then delete this comment",
        )
    )
    if title_block is None:
        draft.marks.append((("title",), "title guessed from the first short paragraph"))
    elif title_block.level != 1:
        draft.marks.append((("title",), "title guessed from the first heading"))
    draft.marks += _paths(plan, b.marks)
    return draft


_TOKEN = re.compile(r"[a-z0-9£%]+")


def _lost(blocks: list[Block], kept: dict[str, Any]) -> list[str]:
    """Source text with a word that is nowhere in the draft (header rows aside): nothing is lost silently."""

    def strings(value: Any):
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str):
            yield value

    have = set(_TOKEN.findall(" ".join(strings(kept)).lower()))
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            texts.append(block.text)
        elif isinstance(block, ListBlock):
            texts += [
                f"{label} {item}".strip() for label, item in zip(block.labels or [""] * len(block.items), block.items)
            ]
        elif isinstance(block, Table):
            skip = set(getattr(block, "header_rows_found", []))
            texts += [cell for r, row in enumerate(block.rows) if r not in skip for cell in row if cell.strip()]
    out = []
    for text in texts:
        if not set(_TOKEN.findall(text.lower())) <= have and text not in out:
            out.append(text)
    return out


def _facts(table: Table) -> bool:
    """A two-column table of "Name: value" pairs (a report's cover sheet), not a plan's items."""
    rows = [row for row in table.rows if any(c.strip() for c in row)]
    if not rows or len(rows[0]) != 2:
        return False
    return sum(1 for row in rows if row[0].strip().endswith(":")) >= max(1, len(rows) * 0.6)


def _itemise(blocks: list[Block]) -> list[Block]:
    """Paragraphs that start with a bullet or a label, typed by hand in Word or HTML, as list items."""
    from generator.importers.text import bullet_item

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and "\n" not in block.text:
            item = bullet_item(block.text)
            split = None if item is not None else split_label(block.text)
            if item is not None or split is not None:
                label, text = ("", item) if item is not None else split
                style = "bullet" if item is not None else "1"
                last = out[-1] if out else None
                if (
                    isinstance(last, ListBlock)
                    and (last.style == "bullet") == (style == "bullet")
                    and len(last.labels) == len(last.items)
                ):
                    last.items.append(text)
                    last.labels.append(label)
                else:
                    out.append(ListBlock([text], ordered=style != "bullet", style=style, labels=[label]))
                continue
        out.append(block)
    return out


def _cell_items(text: str) -> list[tuple[str, str]] | None:
    """A cell that lists several items, a bullet or a label each: (label, words) for each; None if it does not."""
    from generator.importers.text import bullet_item

    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    out: list[tuple[str, str]] = []
    for line in lines:
        item = bullet_item(line)
        split = None if item is not None else split_label(line)
        if item is None and split is None:
            if not out:
                return None
            out[-1] = (out[-1][0], f"{out[-1][1]} {line.strip()}")
            continue
        out.append(("", item) if item is not None else split)
    return out if len(out) >= 2 else None


def _keeps(group: dict[str, Any]) -> bool:
    if group.get("groups"):
        group["groups"] = [g for g in group["groups"] if _keeps(g)]
    return bool(group.get("actions") or group.get("groups") or group.get("text") or group.get("label"))


def _count(plan: dict[str, Any], report: Report) -> None:
    report.sections = len(plan.get("sections", []))
    criteria_groups = 0

    def walk(groups: list[dict[str, Any]]) -> None:
        nonlocal criteria_groups
        for g in groups:
            report.groups += 1
            for a in g.get("actions", []):
                report.items += 1
                report.items_with_label += bool(a.get("label"))
                report.items_with_timescale += bool(a.get("timescale"))
            walk(g.get("groups", []))

    walk(plan.get("groups", []))
    report.criteria = sum(t.criteria for t in report.tables)


def _paths(
    plan: dict[str, Any], marks: list[tuple[list[Any], dict[str, Any], str, str]]
) -> list[tuple[tuple[Any, ...], str]]:
    """Each mark's item found in the plan: its path of keys and indexes."""
    where: dict[int, tuple[Any, ...]] = {}

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            where[id(value)] = path
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    walk(plan, ())
    out = []
    for _, item, key, message in marks:
        if id(item) in where:
            out.append((where[id(item)] + (key if key in item else "id",), message))
    return out


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
    return draft_document(
        blocks,
        plan_id=plan_id,
        organisation=organisation,
        source_title=source_title,
        source_format=source_format,
        kind=kind,
    ).plan


# --- YAML -------------------------------------------------------------------


def to_yaml(plan: dict[str, Any], marks: list[tuple[tuple[Any, ...], str]] | None = None) -> str:
    """The draft as a plan file, laid out as ``plansite fmt`` lays files out, with the schema
    line editors' tools read and a ``# CHECK: …`` comment on the line of each guess."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    from generator.load.fmt import _yaml, format_text

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            return CommentedMap((k, convert(v)) for k, v in value.items())
        if isinstance(value, list):
            return CommentedSeq(convert(v) for v in value)
        if isinstance(value, str) and "\n" in value and _literal_safe(value):
            return LiteralScalarString(value)
        return value

    writer = _yaml()
    out = io.StringIO()
    writer.dump(convert(plan), out)
    text = SCHEMA_LINE + out.getvalue()
    if marks:
        loaded = writer.load(text)
        lines = text.split("\n")
        notes: dict[int, list[str]] = {}
        for path, message in marks:
            node = loaded
            for step in path[:-1]:
                node = node[step]
            line = node.lc.key(path[-1])[0] if hasattr(node, "lc") and path[-1] in node else None
            if line is not None:
                notes.setdefault(line, []).append(message)
        for line, messages in notes.items():
            lines[line] = f"{lines[line]}  # CHECK: {'; '.join(dict.fromkeys(messages))}"
        text = "\n".join(lines)
    formatted = format_text(text)
    return formatted if formatted.startswith("#") else SCHEMA_LINE + formatted


def _literal_safe(value: str) -> bool:
    """A string a literal block keeps exactly: no trailing spaces on a line, no tabs, no odd line ends."""
    return (
        not any(line != line.rstrip() for line in value.split("\n"))
        and "\t" not in value
        and "\r" not in value
        and not value.startswith((" ", "\n"))
        and not value.endswith("\n")
    )


def plan_yaml(draft: Draft) -> str:
    """The draft's YAML, and its report's checks filled in with their lines and columns."""
    text = to_yaml(draft.plan, draft.marks)
    draft.report.checks = find_checks(text)
    return text


def plain_yaml(plan: dict[str, Any]) -> str:
    """The plan as PyYAML writes it (kept for callers that want no comments)."""
    return SCHEMA_LINE + yaml.safe_dump(plan, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)


__all__ = ["Check", "Draft", "draft_document", "draft_plan", "plan_yaml", "to_yaml", "is_date"]
