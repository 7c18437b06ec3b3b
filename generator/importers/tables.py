"""A table → groups of items.

Each column's field is read first (``table_roles``). Then row by row: a header row never
becomes an item; a row of one cell across the table, or a new value in a
recommendation/priority column, starts a group (a merged cell is one group); a label at
the start of the words ("1.1 All Service Plans…") is split from them; a cell that lists
several items gives one item each; a row with no words of its own adds its cells to the
item above. A column that fits no field goes into the item's commentary as
"Heading: value", so no cell is lost, and the report lists it."""

from __future__ import annotations

import re
from typing import Any

from generator.importers.blocks import Table
from generator.importers.builder import PLACEHOLDER, Builder
from generator.importers.columns import date_phrase, split_label, state_of, trailing_date, words
from generator.importers.items import PEOPLE, Fields, clip, extend, joined_dates, names, progress_lines, quoted, shared
from generator.importers.lists import CRITERIA_MARK, cell_items
from generator.importers.report import TableReport, Unplaced
from generator.importers.table_roles import header_rows, mean_words, read_columns, row_text, single_cell
from generator.importers.text import bullet_item

MARK = re.compile(r"[✓✔√☑xX*●•■▪+]|yes|y|tick(?:ed)?", re.I)
"""A cell that only marks its column (a tick in a term's column)."""

_MERGED_ROLES = ("group", "group_label", "label", "text", "criteria")
"""Roles whose merged cell is said once (a group, a label, words); other merged cells repeat in each row they cover."""


def table_groups(
    table: Table, heading: str | None, number: int, b: Builder, parents: dict[str, dict[str, Any]]
) -> list[int]:
    """Read ``table`` into ``b``'s groups; the rows taken as headings are returned (the audit skips them)."""
    reader = TableReader(table, heading, number, b, parents)
    reader.read()
    return reader.head_rows


class TableReader:
    """One table's rows read into groups and items, with what it decided in its report."""

    def __init__(
        self, table: Table, heading: str | None, number: int, b: Builder, parents: dict[str, dict[str, Any]]
    ) -> None:
        self.table, self.heading, self.b, self.parents = table, heading, b, parents
        self.where = table.where or f"table {number}"
        self.report = TableReport(self.where, len(table.rows))
        b.report.tables.append(self.report)
        self.head_rows, head_why = header_rows(table)
        self.header = self._header()
        self.report.header = [f"{row_text(table.rows[r])} ({head_why})" for r in self.head_rows]
        self.body = self._body()
        self.columns = read_columns(table, self.header, self.body)
        self.covered = table.covered()
        self.column_dates: dict[int, str] = {}
        """Text columns whose heading gives their items' date ("Key indicators year one 2004/05")."""
        self._dated_columns()
        self._tick_columns()
        self._group_beside_lists()
        self._period_column()
        self.report.columns = [c.describe() for c in self.columns]
        self.role_of = {c.index: c.role for c in self.columns}
        self.column_of: dict[str, list[int]] = {}
        for c in self.columns:
            if c.role:
                self.column_of.setdefault(c.role, []).append(c.index)
        self.table_date = date_phrase(heading) if heading else None
        """The date in the heading the table sits beneath ("Year 1 Actions (by March 2005)"), for undated items."""
        self.criteria_table = "criteria" in self.column_of
        self.text_role = "criteria" if self.criteria_table else "text"
        self.as_criteria = self.criteria_table and bool(b.criteria_field)
        """Rows become the plan's or groups' success criteria (the schema has them), not actions."""
        self.target = self._target()
        self.group: dict[str, Any] | None = None
        self.last_action: dict[str, Any] | None = None
        self.first_use: dict[str, bool] = {}
        self.split_count = self.dated_count = self.made_groups = 0
        self.marked_header = False

    # --- set-up -------------------------------------------------------------

    def _header(self) -> list[str]:
        """Each column's heading: the words of its header rows, a merged heading once."""
        rows, width = self.table.rows, len(self.table.rows[0]) if self.table.rows else 0
        header = []
        for index in range(width):
            cells = (rows[r][index].replace("\n", " ").strip() for r in self.head_rows if rows[r][index].strip())
            header.append(" ".join(dict.fromkeys(cells)))
        return header

    def _body(self) -> list[int]:
        """The rows under the headings, less the heading row repeated on a new page."""
        rows = self.table.rows
        header_keys = {tuple(c.strip().lower() for c in rows[r]) for r in self.head_rows}
        body = [r for r in range(len(rows)) if r not in self.head_rows]
        repeats = [r for r in body if tuple(c.strip().lower() for c in rows[r]) in header_keys]
        if repeats:
            self.report.notes.append(
                f"heading row repeated at row(s) {', '.join(str(r + 1) for r in repeats)} (a new page): skipped"
            )
        return [r for r in body if r not in repeats]

    def _target(self) -> list[dict[str, Any]]:
        """Where the groups go: under the heading the table sits beneath, when the table names groups itself."""
        if not (self.heading and "group" in self.column_of):
            return self.b.groups
        parent = self.parents.get(self.heading)
        if parent is None:
            parent = self.b.new_group(self.b.groups, title=self.heading)
            parent.pop("actions")
            parent["groups"] = []
            self.parents[self.heading] = parent
        return parent["groups"]

    def _dated_columns(self) -> None:
        """Columns of items side by side, each dated by its heading ("year one 2004/05" | "three years to 2007"):
        each is a text column, and its heading's date is its items' timescale."""
        text = next((c for c in self.columns if c.role == "text"), None)
        dated = {c.index: date_phrase(c.heading) for c in self.columns if c.heading and c.role != "timescale"}
        if text is None or not dated.get(text.index):
            return
        self.column_dates[text.index] = dated[text.index]  # type: ignore[assignment]
        text.reason += f"; its heading dates its items: {dated[text.index]}"
        for c in self.columns:
            if c is text or not dated.get(c.index) or c.role not in (None, "success_measures", "text"):
                continue
            if mean_words(self.table, self.body, c.index) >= 3:
                self.column_dates[c.index] = dated[c.index]  # type: ignore[assignment]
                c.role = "text"
                c.reason += f"; like column {text.index + 1}, a column of items dated by its heading: {dated[c.index]}"

    def _tick_columns(self) -> None:
        """Columns headed by a term, month or year whose cells only mark them (✓, X): the headings of
        the columns an item marks are its timescale ("Autumn 1, Spring 1")."""
        for c in self.columns:
            cells = [self.table.rows[r][c.index].strip() for r in self.body if self.table.rows[r][c.index].strip()]
            if c.heading and cells and all(MARK.fullmatch(x) for x in cells) and date_phrase(c.heading):
                c.role = "tick"
                c.reason = "its heading, a date, and its cells, which only mark it: it is in the timescale of each item that marks it"

    def _group_beside_lists(self) -> None:
        """A column of prose left of items listed several to a cell, with no heading to say what it is:
        each of its cells heads the items beside it (an objective and its key indicators)."""
        texts = [c.index for c in self.columns if c.role == "text"]
        if not texts or any(c.role == "group" for c in self.columns):
            return
        rows = [r for r in self.body if any(self.table.rows[r][i].strip() for i in texts)]
        listed = [r for r in rows if any(cell_items(self.table.rows[r][i]) for i in texts)]
        if not rows or len(listed) < len(rows) / 2:
            return
        for c in self.columns:
            if c.index < min(texts) and c.role is None and mean_words(self.table, self.body, c.index) >= 3:
                c.role = "group"
                c.reason += "; its cells head the items listed beside them, so each starts a group"
                return

    def _period_column(self) -> None:
        """A date column with a value on each row of an item that runs over several rows (Q1, Q2, Q3, Q4):
        the period each row reports on, not the item's timescale."""
        text = next((c.index for c in self.columns if c.role == "text"), None)
        if text is None:
            return
        more = [r for r in self.body if self.covered.get((r, text), (r,))[0] < r]
        # rows that carry on an item with progress only (besides the date): a monitoring grid
        kept = ("timescale", "progress", None)
        more = [r for r in more if all(c.role in kept for c in self.columns if self._own(r, c.index))]
        for c in self.columns:
            if c.role == "timescale" and any(self.table.rows[r][c.index].strip() for r in more):
                c.role = "period"
                c.reason += "; it changes down the rows of one item, so it is the period each row reports on"

    def _own(self, r: int, i: int) -> bool:
        """Row ``r`` has words of its own in column ``i`` (not a merged cell from above)."""
        return bool(self.table.rows[r][i].strip()) and not self.covered.get((r, i), (r,))[0] < r

    # --- rows ---------------------------------------------------------------

    def read(self) -> None:
        for r in self.body:
            row = self.table.rows[r]
            if not any(c.strip() for c in row):
                continue
            if self._title_row(r):
                continue
            self._row(r)
        self._finish()

    def start_group(self, label: str | None, text: str | None, title: str | None = None) -> dict[str, Any]:
        self.made_groups += 1
        entry = self.b.new_group(self.target, label=label, text=text, title=title)
        if self.as_criteria:
            entry[self.b.criteria_field] = []  # type: ignore[index]
        elif self.criteria_table:
            entry.setdefault("title", f"{self.heading or 'Success criteria'}")
            self.b.mark(entry, "title" if "title" in entry else "id", CRITERIA_MARK)
        return entry

    def _title_row(self, r: int) -> bool:
        """A row of one cell across the table starts a group (unless it is an item's words)."""
        row = self.table.rows[r]
        if not single_cell(self.table, r):
            return False
        first = next(i for i, c in enumerate(row) if c.strip())
        if self.role_of.get(first) == self.text_role and not self.table.spans.get((r, first)):
            return False
        cell = row[first]
        split = split_label(cell)
        label, text = split if split else (None, cell)
        if label is None and words(cell) <= 12 and not cell.rstrip().endswith("."):
            self.group = self.start_group(None, None, cell)
        else:
            self.group = self.start_group(label, text)
        self.report.notes.append(f"row {r + 1}: one cell across the table, taken as a group: {clip(cell)!r}")
        self.last_action = None
        return True

    def value(self, r: int, i: int) -> str:
        """The cell's text; a cell covered by a merge from a row above repeats it (a lead for several rows)."""
        origin = self.covered.get((r, i))
        if origin and origin[0] < r:
            return self.table.rows[origin[0]][origin[1]] if self.role_of.get(i) not in _MERGED_ROLES else ""
        return self.table.rows[r][i]

    def _row(self, r: int) -> None:
        cells = {i: self.value(r, i) for i in range(len(self.table.rows[r]))}
        by: Fields = {}
        for i, text in cells.items():
            role = self.role_of.get(i)
            if role and text.strip():
                by.setdefault(role, []).append((i, text))
        others = [
            (i, text)
            for i, text in cells.items()
            if not self.role_of.get(i) and text.strip() and not (self.covered.get((r, i), (r,))[0] < r)
        ]
        self._group_of_row(by)
        parts = by.get(self.text_role, [])
        fields = {role: vals for role, vals in by.items() if role not in ("group", "group_label", self.text_role)}
        if not any(t.strip() for _, t in parts):
            if not fields and not others:
                return  # a row that only starts a group
            text_origin = self.covered.get((r, self.column_of.get(self.text_role, [-1])[0]))
            if self.last_action is not None and (text_origin is not None or not by.get("label")):
                # the item's own row already has what a merged cell repeats down its rows
                own = {
                    k: [(i, v) for i, v in vs if not self.covered.get((r, i), (r,))[0] < r] for k, vs in fields.items()
                }
                extend(self.last_action, {k: vs for k, vs in own.items() if vs}, others, self.header, self.b, r)
                self.report.notes.append(f"row {r + 1} has no words of its own: its cells were added to the item above")
                return
        if len(parts) > 1 and any(i in self.column_dates for i, _ in parts):
            for n, (i, text) in enumerate(parts):  # columns of items side by side: each its own items
                self._item(
                    r,
                    self._listed_items(r, text, fields, self.column_dates.get(i)),
                    by if n == 0 else {},
                    fields,
                    others if n == 0 else [],
                    self.column_dates.get(i),
                )
            return
        text = "\n".join(t for _, t in parts)
        date = self.column_dates.get(parts[0][0]) if parts else None
        self._item(r, self._listed_items(r, text, fields, date), by, fields, others, date)

    def _group_of_row(self, by: Fields) -> None:
        """A value in the group column starts a group (a merged cell gives it once); else the group goes on."""
        group_text = by.get("group", [(None, "")])[0][1]
        group_label = by.get("group_label", [(None, "")])[0][1]
        if group_text or group_label:
            same = self.group is not None and group_text and self.group.get("text") == group_text and not group_label
            if not same:
                label, text = group_label or None, group_text or None
                if text and not label and (split := split_label(text)):
                    label, text = split
                self.group = self.start_group(label, text)
                self.last_action = None
        if self.group is None and not self.as_criteria:
            title = self.heading or None
            if self.criteria_table and not title:
                title = self.header[self.column_of["criteria"][0]] or "Success criteria"
            self.group = self.start_group(None, None, title)

    def _listed_items(self, r: int, text: str, fields: Fields, date: str | None = None) -> str:
        """A cell listing several items: all but the last become items sharing the row's other cells;
        the last one's words are returned, for the row's own item."""
        several = cell_items(text) if text and "label" not in self.column_of else None
        if not several:
            return bullet_item(text) or text if "\n" not in text.strip() else text  # one bulleted item
        self.report.notes.append(
            f"row {r + 1}: its words list {len(several)} items (a bullet or a label each): one item each, sharing the row's other cells"
        )
        for item_label, item_text in several[:-1]:
            action = self._new()
            if item_label:
                action["label"] = item_label
            action["text"] = item_text
            shared(action, fields)
            self._undated(action, date)
            self._add(action)
            if not self.first_use.get("several"):
                self.first_use["several"] = True
                self.b.mark(
                    action, "id", "one cell listed several items: each became an item with the row's other cells; check"
                )
        return (f"{several[-1][0]} " if several[-1][0] else "") + several[-1][1]

    # --- one item -------------------------------------------------------------

    def _item(
        self, r: int, text: str, by: Fields, fields: Fields, others: list[tuple[int, str]], date: str | None = None
    ) -> None:
        action = self._new()
        label = by.get("label", [(None, "")])[0][1].strip()
        if not label and text and "label" not in self.column_of and (split := split_label(text)):
            label, text = split
            self.split_count += 1
            if self.split_count == 1:
                self.b.mark(
                    action,
                    "label",
                    "label split from the start of the item's words (1.1, a), …); check it in every item of this table",
                )
        if label:
            action["label"] = label
        action["text"] = text.strip() or PLACEHOLDER
        if not text.strip():
            self.b.mark(action, "text", "no words for this item in the source: write them or delete the item")
        self._fields(action, fields)
        self._undated(action, date)
        if used := self._status(action, fields):
            fields = {**fields, "progress": [p for p in fields["progress"] if p != used]}
        self._commentary(r, action, fields, others)
        self._mark_columns(action, fields, others)
        self._mark_header(action)
        self._add(action)
        self.last_action = action

    def _new(self) -> dict[str, Any]:
        return self.b.new_item(self.group if self.group is not None else {"id": "criterion", "actions": []})

    def _add(self, action: dict[str, Any]) -> None:
        """The item into its group's actions, or, for success criteria once the schema has them, its
        group's criteria (or the plan's, for a table of criteria with no group column)."""
        if self.as_criteria:
            self.b.criterion(action, self.group)
        else:
            assert self.group is not None
            self.group["actions"].append(action)
            self.report.items += 1
        self.report.criteria += self.criteria_table

    def _fields(self, action: dict[str, Any], fields: Fields) -> None:
        for role in PEOPLE:
            if role in fields:
                action[role] = [n for _, v in fields[role] for n in names(v)]
        if "monitoring" in fields:
            action["monitoring"] = "\n".join(v for _, v in fields["monitoring"])
        if "timescale" in fields:
            action["timescale"] = joined_dates(fields["timescale"], self.header)
        elif "tick" in fields:
            action["timescale"] = ", ".join(self.header[i] for i, _ in fields["tick"])
        elif "timescale" not in self.column_of and (found := trailing_date(action["text"])) and found[0]:
            action["text"], action["timescale"] = found
            self.dated_count += 1
            if self.dated_count == 1:
                self.b.mark(
                    action,
                    "timescale",
                    "deadline split from the end of the item's words; check it in every item of this table",
                )
        if "budget" in fields:
            action["budget"] = "\n".join(v for _, v in fields["budget"])
        if "success_measures" in fields:
            action["success_measures"] = "\n\n".join(v for _, v in fields["success_measures"])

    def _status(self, action: dict[str, Any], fields: Fields) -> tuple[int, str] | None:
        """A status column's cell that names a state ("Complete", "On track") is the item's status; the cell is returned."""
        for i, value in fields.get("progress", []):
            state = state_of(value)
            if not state or not re.search(r"status|rag|progress|position", self.header[i], re.I):
                continue
            action["status"] = state if value.strip().lower() == state else {"state": state, "text": value.strip()}
            if not self.first_use.get("status"):
                self.first_use["status"] = True
                self.b.mark(
                    action, "status", f"status read from column {i + 1}{quoted(self.header[i])}; check it in every item"
                )
            return i, value
        return None

    def _undated(self, action: dict[str, Any], date: str | None) -> None:
        """An item with no date of its own takes its column heading's date, else the table heading's."""
        if action.get("timescale"):
            return
        where, date = ("its column's heading", date) if date else ("the heading above the table", self.table_date)
        if date:
            action["timescale"] = date
            if not self.first_use.get(where):
                self.first_use[where] = True
                self.b.mark(action, "timescale", f"timescale taken from {where}; check it in every item")

    def _commentary(self, r: int, action: dict[str, Any], fields: Fields, others: list[tuple[int, str]]) -> None:
        """Progress columns and cells that fit no field, as "Heading: value"; the latter are reported."""
        header = self.header
        commentary = progress_lines(fields, header)
        for i, v in others:
            commentary.append(f"{header[i]}: {v}" if i < len(header) and header[i] else v)
            if not self.as_criteria:  # a criterion has no commentary: the import's audit places these words
                self.b.report.unplaced.append(
                    Unplaced(f"{self.where}, row {r + 1}, column {i + 1}", v, f"commentary of {action['id']}")
                )
        if commentary:
            action["commentary"] = "\n\n".join(commentary)

    def _mark_columns(self, action: dict[str, Any], fields: Fields, others: list[tuple[int, str]]) -> None:
        """The first item that uses a column read from its cells, or kept in commentary, says so."""
        for c in self.columns:
            if c.role and c.role in fields and c.reason.startswith("its content") and not self.first_use.get(c.role):
                key = {"progress": "commentary", "success_measures": "success_measures"}.get(c.role, c.role)
                if key in action:
                    self.first_use[c.role] = True
                    self.b.mark(
                        action,
                        key,
                        f"column {c.index + 1}{quoted(c.heading)} taken as {c.role} from its content; check this column in every item",
                    )
            if c.role is None and c.index in dict(others) and not self.first_use.get(f"none{c.index}"):
                self.first_use[f"none{c.index}"] = True
                self.b.mark(
                    action, "commentary", f"column {c.index + 1}{quoted(c.heading)} fits no field: kept in commentary"
                )

    def _mark_header(self, action: dict[str, Any]) -> None:
        if self.marked_header:
            return
        if self.head_rows and not self.table.header_rows:
            self.marked_header = True
            self.b.mark(
                action,
                "id",
                f"heading row taken from its cells: {clip(row_text(self.table.rows[self.head_rows[-1]]), 60)!r}",
            )
        elif not self.head_rows:
            self.marked_header = True
            self.b.mark(action, "id", "this table has no heading row: its columns were read from their cells")

    def _finish(self) -> None:
        self.report.groups = self.made_groups
        if self.split_count:
            self.report.notes.append(f"{self.split_count} label(s) split from the start of the items' words")
        if self.dated_count:
            self.report.notes.append(f"{self.dated_count} deadline(s) split from the end of the items' words")
        heading = self.heading
        if heading and "group" in self.column_of and self.parents.get(heading) is not None:
            if not self.parents[heading]["groups"]:
                self.b.groups.remove(self.parents.pop(heading))
