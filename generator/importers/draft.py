"""Blocks → a draft plan (plain data, then YAML) for an editor to correct.

Tables become groups of items (``tables``); text arrives as paragraphs and labelled or
bulleted items: items under a recommendation/priority/action heading, or with a
deadline, become actions (``lists``); other prose becomes narrative sections. Nothing is
dropped: every source word that is nowhere in the draft lands in a section "Not placed
by the import", and the report says so.

Every guess is recorded (``Draft.marks``) and written into the YAML as a
``# CHECK: …`` comment on the line it concerns (``yaml_out``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table
from generator.importers.builder import Builder, Draft, Mark
from generator.importers.columns import is_date, split_group_line
from generator.importers.items import clip
from generator.importers.lists import itemise, list_actions, markdown
from generator.importers.report import Check, Report, Unplaced
from generator.importers.table_roles import records, row_text
from generator.importers.tables import MARK, table_groups
from generator.importers.yaml_out import SCHEMA_LINE, plan_yaml, to_yaml
from generator.model.fields import slugify

CRITERIA_FIELD: str | None = "success_criteria"
"""Where success criteria read from a table or list go: each becomes ``{id, label, text,
timescale}`` in that list, on its group where the table has a group column, else on the plan
itself (an appendix of overarching criteria); criteria under a "Success criteria" heading in
text go on the plan. Words of any other cell (a lead, a comment) are placed and reported by
the import's audit. None imports them as actions of a group named for them, marked for
checking (for a schema without criteria items)."""


class _Reader:
    """The document's blocks in order: headings name what follows, tables and lists give items."""

    def __init__(self, b: Builder, title: Title) -> None:
        self.b, self.title = b, title
        self.heading: str | None = None
        self.heading_empty = False
        self.prose: list[str] = []
        self.parents: dict[str, dict[str, Any]] = {}
        self.list_state: dict[str, Any] = {"plan": bool(PLAN_TITLE.search(title.text))}
        self.tables = 0
        self.head_rows: dict[int, list[int]] = {}
        """id of each table → the rows taken as its headings."""
        self.forms: dict[int, Table] = {}
        """id of each table laid out a field a row → the same table with a heading row."""

    def read(self, blocks: list[Block]) -> None:
        for block in blocks:
            if isinstance(block, Heading):
                self._heading(block)
                continue
            self.heading_empty = False
            self._block(block)
        self.flush_prose()

    def flush_prose(self) -> None:
        if self.prose:
            heading = self.heading
            self.b.sections.append(
                {
                    "id": self.b.ids.make(heading or "text", "text"),
                    "title": heading or "Text",
                    "body": "\n\n".join(self.prose),
                }
            )
            self.prose.clear()

    def _heading(self, block: Heading) -> None:
        self.flush_prose()
        is_title = any(block is t for t in self.title.blocks)
        if not (block.level == 1 and is_title):
            # a heading with nothing under it before the next (a part title) is kept in the next one's title
            joined = self.heading and self.heading_empty and not split_group_line(block.text)
            self.heading = f"{self.heading}: {block.text}" if joined else block.text
            self.heading_empty = not is_title
        self.list_state = {key: self.list_state.get(key) for key in ("report", "plan")}

    def _block(self, block: Block) -> None:
        report = self.b.report
        if not isinstance(block, ListBlock):
            self.list_state["stem"] = None
        if isinstance(block, ListBlock):
            if not list_actions(block, self.heading, self.b, self.list_state):
                self.prose.append(markdown(block))
        elif isinstance(block, Paragraph):
            if block is not self.title.paragraph:
                self.prose.append(block.text)
        elif isinstance(block, Table) and block.rows and (form := records(block)) is not None:
            self.flush_prose()
            self.tables += 1
            report.notes.append(
                f"{block.where or 'a table'}: laid out a field a row, read as {len(form.rows) - 1} item(s)"
            )
            self.head_rows[id(block)] = [0]
            self.forms[id(block)] = form
            table_groups(form, self.heading, self.tables, self.b, self.parents)
        elif isinstance(block, Table) and block.rows and facts(block):
            self.prose.append(
                "\n\n".join(" ".join(c for c in row if c.strip()) for row in block.rows if any(c.strip() for c in row))
            )
            report.notes.append(f"a table of 'name: value' pairs kept as text: {clip(row_text(block.rows[0]), 60)!r}")
        elif isinstance(block, Table) and block.rows:
            self.flush_prose()
            self.tables += 1
            self.head_rows[id(block)] = table_groups(block, self.heading, self.tables, self.b, self.parents)
        elif type(block).__name__ == "Skipped":
            skipped: Any = block
            report.notes.append(f"skipped {skipped.why}: {skipped.text!r}")


PLAN_TITLE = re.compile(r"\bplans?\b", re.I)
"""A document titled as a plan: its numbered paragraphs are its items."""


@dataclass
class Title:
    text: str
    how: str
    """"heading" (top-level), "first heading", "cover sheet", "paragraph" or "file name"."""
    blocks: list[Heading] = field(default_factory=list)
    """The headings the title was read from (a title set over two lines is two headings)."""
    paragraph: Paragraph | None = None


def _title(blocks: list[Block], source_title: str) -> Title:
    """The plan's title: the first top-level heading (with the ones right after it at its level),
    else a cover sheet's "Title:", else the first heading, else the first short paragraph."""
    top = next((i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1), None)
    if top is not None:
        run = [blocks[top]]
        for block in blocks[top + 1 : top + 3]:
            if not (isinstance(block, Heading) and block.level == 1):
                break
            run.append(block)
        headings = [h for h in run if isinstance(h, Heading)]
        return Title(": ".join(h.text for h in headings), "heading", headings)
    if covered := _cover_title(blocks):
        return Title(covered, "cover sheet")
    first = next((b for b in blocks if isinstance(b, Heading)), None)
    if first is not None:
        return Title(first.text, "first heading", [first])
    paragraph = next((b for b in blocks if isinstance(b, Paragraph) and len(b.text) <= 150), None)
    if paragraph is not None:
        return Title(paragraph.text, "paragraph", paragraph=paragraph)
    return Title(source_title, "file name")


def _cover_title(blocks: list[Block]) -> str | None:
    """The value of a "Title:" row in a report's cover sheet (a table of "Name: value" pairs)."""
    for block in blocks:
        if isinstance(block, Table) and block.rows and facts(block):
            for row in block.rows:
                if re.fullmatch(r"title\s*:?", row[0].strip(), re.I) and row[1].strip():
                    return " ".join(row[1].split())
    return None


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
    blocks = itemise(blocks)
    title = _title(blocks, source_title)
    b = Builder(report, CRITERIA_FIELD)
    reader = _Reader(b, title)
    reader.read(blocks)
    groups = [g for g in b.groups if _keeps(g, CRITERIA_FIELD)]
    _place_lost(
        b,
        lost(
            blocks,
            {"groups": groups, "criteria": b.criteria, "sections": b.sections, "title": title.text},
            reader.head_rows,
            reader.forms,
        ),
    )
    plan: dict[str, Any] = {
        "id": plan_id or slugify(title.text)[:60].strip("-.").replace(".", "-") or "imported-plan",
        "title": title.text,
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
    if b.criteria:
        plan[CRITERIA_FIELD] = b.criteria  # type: ignore[index]
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
    if title.how != "heading":
        draft.marks.append((("title",), f"title guessed from the {title.how}"))
    draft.marks += _paths(plan, b.marks)
    return draft


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


# --- nothing lost -------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9£%]+")


def _strings(value: Any):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def lost(
    blocks: list[Block], kept: dict[str, Any], head_rows: dict[int, list[int]], forms: dict[int, Table]
) -> list[str]:
    """Source text with a word that is nowhere in the draft (header rows aside): nothing is lost silently."""
    have = set(_TOKEN.findall(" ".join(_strings(kept)).lower()))
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            texts.append(block.text)
        elif isinstance(block, ListBlock):
            texts += [
                f"{label} {item}".strip() for label, item in zip(block.labels or [""] * len(block.items), block.items)
            ]
        elif isinstance(block, Table):
            skip = set(head_rows.get(id(block), []))
            table = forms.get(id(block), block)
            texts += [cell for r, row in enumerate(table.rows) if r not in skip for cell in row if cell.strip()]
    out = []
    for text in texts:
        if MARK.fullmatch(text.strip()):
            continue  # a tick in a term's column: its column's heading is in the timescale
        if not set(_TOKEN.findall(text.lower())) <= have and text not in out:
            out.append(text)
    return out


def _place_lost(b: Builder, texts: list[str]) -> None:
    """Text the import could not place, in a section of its own, marked and reported."""
    if not texts:
        return
    section = {
        "id": b.ids.make("not-placed-by-the-import", "not-placed"),
        "title": "Not placed by the import",
        "body": "\n\n".join(texts),
    }
    b.sections.append(section)
    b.mark(
        section, "title", "text the import could not place: move each part where it belongs, then delete this section"
    )
    for text in texts:
        b.report.unplaced.append(Unplaced("text", text, "section 'Not placed by the import'"))


def facts(table: Table) -> bool:
    """A two-column table of "Name: value" pairs (a report's cover sheet), not a plan's items."""
    rows = [row for row in table.rows if any(c.strip() for c in row)]
    if not rows or len(rows[0]) != 2:
        return False
    return sum(1 for row in rows if row[0].strip().endswith(":")) >= max(1, len(rows) * 0.6)


def _keeps(group: dict[str, Any], criteria_field: str | None = None) -> bool:
    """Whether a group has anything in it; empty lists of actions or criteria dropped from it."""
    if group.get("groups"):
        group["groups"] = [g for g in group["groups"] if _keeps(g, criteria_field)]
    for key in ("actions", criteria_field):
        if key and key in group and not group[key]:
            del group[key]
    return bool(group.get("actions") or group.get("groups") or group.get("text") or group.get("label"))


def _count(plan: dict[str, Any], report: Report) -> None:
    report.sections = len(plan.get("sections", []))

    def walk(groups: list[dict[str, Any]]) -> None:
        for g in groups:
            report.groups += 1
            for a in g.get("actions", []):
                report.items += 1
                report.items_with_label += bool(a.get("label"))
                report.items_with_timescale += bool(a.get("timescale"))
            walk(g.get("groups", []))

    walk(plan.get("groups", []))
    report.criteria = sum(t.criteria for t in report.tables)


def _paths(plan: dict[str, Any], marks: list[Mark]) -> list[tuple[tuple[Any, ...], str]]:
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


__all__ = ["SCHEMA_LINE", "Check", "Draft", "draft_document", "draft_plan", "plan_yaml", "to_yaml", "is_date"]
