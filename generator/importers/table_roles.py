"""What each column of a table holds, and which rows are its headings.

A column's field comes from its heading ("Lead Person/s" → responsible, "Date By" →
timescale) or, where the heading says nothing or the cells say otherwise, from the
cells (see ``columns``). Then one column per field where only one makes sense, and the
items' words found in the longest cells if no heading named them."""

from __future__ import annotations

import re

from generator.importers.blocks import Table
from generator.importers.columns import (
    Column,
    content_kind,
    fits,
    heading_role,
    is_date,
    is_label,
    looks_like_heading,
    words,
)

CRITERIA = re.compile(r"success criteria|criteria for success|measures? of success|success measures?", re.I)


def header_rows(table: Table) -> tuple[list[int], str]:
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
        periods = {c for i, c in enumerate(row) if c.strip() and _heads_dated_column(table, index, i)}
        named = sum(1 for c in distinct if heading_role(c) and words(c) <= 8 or c in periods)
        heading_like = all(
            looks_like_heading(c)
            or (heading_role(c) and words(c) <= 8)
            or c in periods
            or (not found and words(c) <= 6 and not is_label(c) and not is_date(c) and not c.rstrip().endswith("."))
            for c in distinct
        )  # a second heading row must read as headings throughout
        if heading_like and named >= max(1, len(distinct) // 2):
            found.append(index)
        else:
            break
    return found, "read from its cells (short, and a heading's words)"


def _heads_dated_column(table: Table, r: int, i: int) -> bool:
    """A date ("Autumn 1", "Q3", "2026/27") over a column whose cells below are not dates: a period's
    heading (the cells mark it or say what happens in it), not an item's date."""
    cell = table.rows[r][i]
    below = [row[i] for row in table.rows[r + 1 :] if row[i].strip()]
    return is_date(cell) and words(cell) <= 4 and bool(below) and sum(map(is_date, below)) < len(below) / 2


def row_text(row: list[str]) -> str:
    return " | ".join(dict.fromkeys(c.replace("\n", " ") for c in row if c.strip()))


def read_columns(table: Table, header: list[str], body: list[int]) -> list[Column]:
    covered = table.covered()
    width = len(table.rows[0]) if table.rows else 0
    columns: list[Column] = []
    for index in range(width):
        heading = header[index] if index < len(header) else ""
        values = [table.rows[r][index] for r in body if (r, index) not in covered and not single_cell(table, r)]
        by_heading = heading_role(heading) if heading else None
        by_content, why = content_kind(values)
        strong = by_content in ("label", "timescale") and why and int(why.split("%")[0]) >= 80
        if (
            by_heading
            and by_content
            and by_content != by_heading
            and strong
            and by_heading not in ("label", "timescale", "budget", "responsible", "partners", "audience")
            and not fits(by_heading, values)  # "Status": Complete, Ongoing are statuses as well as terms
        ):
            columns.append(Column(index, by_content, f"its content ({why}), not its heading", heading))
        elif by_heading:
            columns.append(Column(index, by_heading, "its heading", heading))
        elif by_content:
            columns.append(Column(index, by_content, f"its content ({why})", heading))
        else:
            columns.append(Column(index, None, "neither heading nor content", heading))
    settle(columns, table, body, covered)
    return columns


def mean_words(table: Table, body: list[int], index: int) -> float:
    values = [table.rows[r][index] for r in body if table.rows[r][index].strip()]
    return sum(words(v) for v in values) / len(values) if values else 0.0


def settle(columns: list[Column], table: Table, body: list[int], covered: dict) -> None:
    """One column per field where only one makes sense; the text column found if no heading named it;
    then a label column that only labels the groups' rows labels the groups."""
    for role in ("text", "label", "group"):
        same = [c for c in columns if c.role == role]
        if len(same) <= 1:
            continue
        keep = max(same, key=lambda c: mean_words(table, body, c.index)) if role == "text" else same[0]
        for c in same:
            if c is not keep:
                c.role, c.reason = None, f"{c.reason}; another column already holds the {role}"
    if not any(c.role == "text" for c in columns):
        _find_text(columns, table, body)
    _group_labels(columns, table, body, covered)


def _find_text(columns: list[Column], table: Table, body: list[int]) -> None:
    """No heading named the items' words: success criteria, the group column, or the longest cells."""
    candidates = [c for c in columns if c.role in (None, "success_measures", "progress")]
    criteria = [c for c in columns if c.role == "success_measures" and CRITERIA.search(c.heading or "")]
    group = next((c for c in columns if c.role == "group"), None)
    if criteria:
        criteria[0].role, criteria[0].reason = "criteria", f"{criteria[0].reason}: the table lists success criteria"
    elif group is not None and not any(c.role is None and mean_words(table, body, c.index) > 4 for c in columns):
        group.role, group.reason = (
            "text",
            f"{group.reason}; no other column holds the items' words, so each row is an item",
        )
    elif candidates:
        best = max(candidates, key=lambda c: mean_words(table, body, c.index))
        if mean_words(table, body, best.index) >= 2:
            best.role, best.reason = (
                "text",
                f"{best.reason}; it has the longest cells, so it is taken as the items' words",
            )


def _group_labels(columns: list[Column], table: Table, body: list[int], covered: dict) -> None:
    """Two label columns around a group column, or labels only on the rows that start groups:
    the first label column labels the groups."""
    group_at = next((c.index for c in columns if c.role == "group"), None)
    labels = [c for c in columns if c.role == "label"]
    if group_at is None or not labels:
        return
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


def single_cell(table: Table, r: int) -> bool:
    """A row with one cell across the table (or one filled cell of three or more): a group's title."""
    row = table.rows[r]
    filled = [i for i, c in enumerate(row) if c.strip()]
    if len(row) < 3 or len(filled) != 1:
        return False
    span = table.spans.get((r, filled[0]), (1, 1))
    return span[1] >= len(row) - 1 or filled[0] == 0 and span[1] >= 2


def records(table: Table) -> Table | None:
    """A table laid out as a form, one field a row ("Action | …", "Lead | …", "Timescale | …"), and
    maybe the same fields again for the next item: the same items as a table with a heading row.
    None if the first column does not name fields, or names no item's words (a cover sheet)."""
    rows = [row for row in table.rows if any(c.strip() for c in row)]
    if len(rows) < 3 or len(rows[0]) != 2:
        return None
    names = [" ".join(row[0].split()).strip(" :") for row in rows]
    roles = [heading_role(name) if name and words(name) <= 6 else None for name in names]
    if sum(1 for role in roles if role) < 0.6 * len(rows) or "text" not in roles:
        return None
    header: list[str] = []
    out: list[list[str]] = []
    for name, (_, value) in zip(names, rows):
        if not out or name in header and out[-1][header.index(name)]:
            out.append([""] * len(header))  # the first field again: the next item
        if name not in header:
            header.append(name)
            for row in out:
                row.append("")
        out[-1][header.index(name)] = value
    return Table([header, *out], {}, 1, table.where)
