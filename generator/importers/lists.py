"""Lists and prose → items: labelled or bulleted items under a recommendation/priority/action
heading, or with a deadline, become actions; other prose stays narrative.

Paragraphs typed as items by hand ("1.1 …", "• …") are read as list items first
(``itemise``), and a cell that lists several items is split (``cell_items``)."""

from __future__ import annotations

import re
from typing import Any

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph
from generator.importers.builder import Builder
from generator.importers.columns import split_group_line, split_label, trailing_date, words
from generator.importers.items import fields_in_text, names
from generator.importers.report import TableReport
from generator.importers.table_roles import CRITERIA
from generator.importers.text import bullet_item

GROUPISH = re.compile(
    r"\b(?:recommendation|key issue|priority|priorities|objective|aim|areas? for (?:development|improvement)|activity|action|target|strand|theme|outcome|criteria|workstream)s?\b",
    re.I,
)
CRITERIA_MARK = "success criteria, imported as actions until the plan schema has criteria items"


def markdown(block: Block) -> str:
    """A paragraph or list as Markdown, for a narrative section."""
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


def itemise(blocks: list[Block]) -> list[Block]:
    """Paragraphs that start with a bullet or a label, typed by hand in Word or HTML, as list items;
    a paragraph that names a group ("Key Issue 1: To improve…") as a heading."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and "\n" not in block.text and split_group_line(block.text):
            out.append(Heading(4, block.text))
            continue
        if isinstance(block, Paragraph) and "\n" not in block.text:
            item = bullet_item(block.text)
            split = None if item is not None else split_label(block.text)
            if item is not None or split is not None:
                label, text = ("", item) if item is not None else (split or ("", ""))
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


def cell_items(text: str) -> list[tuple[str, str]] | None:
    """A cell that lists several items, a bullet or a label each: (label, words) for each; None if it does not."""
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
        if item is not None:
            out.append(("", item))
        elif split is not None:
            out.append(split)
    return out if len(out) >= 2 else None


NARRATIVE = re.compile(
    r"^(?:\d[\d.]*\s*)?(?:introduction|context|background|purpose|contents|summary|executive summary|foreword|glossary|key|notes?|"
    r"financial implications|legal implications|consultation|appendix|annex)\b",
    re.I,
)
"""Headings of a plan's narrative: bullets under them stay prose (numbered paragraphs still become items)."""


def list_actions(block: ListBlock, heading: str | None, b: Builder, state: dict[str, Any]) -> bool:
    """Items of a list as actions, if they are actions. False (and nothing done) if they are prose.

    A list is items under a recommendation/priority/action heading, when its items end with
    deadlines, or in a document titled as a plan: its numbered paragraphs anywhere, its
    bullets under any heading but a narrative one (Introduction, Background…). Bullets right
    after an item that ends with ":" are that item's words."""
    labels = block.labels or [""] * len(block.items)
    stem = state.get("stem")
    if stem is not None and not any(labels):
        stem["text"] += "\n\n" + "\n".join(f"- {item}" for item in block.items)
        state["stem"] = None
        return True
    if not _are_items(block, labels, heading, state):
        return False
    criteria = bool(heading and CRITERIA.search(heading))
    report = _text_report(b, state)
    if criteria and b.criteria_field:
        return _criteria_list(block, labels, b, report)
    group = _list_group(heading, b, state, report, criteria)
    nest = _Nesting(b, group, report)
    action: dict[str, Any] | None = None
    for index, (label, item) in enumerate(zip(labels, block.items)):
        report.rows += 1
        if nest.heads(labels, index, item):
            continue
        into = nest.into(label)
        action = _text_item(b, into, label, item)
        if not state.get("marked"):
            state["marked"] = True
            message = "items read from text: check each item's label, words and timescale against the source"
            if state.get("plan") and not (heading and GROUPISH.search(heading)):
                message = (
                    "a plan's numbered paragraphs (or bullets under a heading) taken as items: "
                    "move any that are narrative to a section; " + message
                )
            b.mark(action, "id", message)
        into["actions"].append(action)
        report.items += 1
        report.criteria += criteria
    state["stem"] = action if action is not None and action["text"].rstrip().endswith(":") else None
    if group.get("groups") and not group["actions"]:
        group.pop("actions")
    return True


def _are_items(block: ListBlock, labels: list[str], heading: str | None, state: dict[str, Any]) -> bool:
    if heading and GROUPISH.search(heading) or any(trailing_date(item) for item in block.items):
        return True
    if not state.get("plan"):
        return False
    return any(labels) or bool(heading and not NARRATIVE.search(heading))


def label_style(label: str) -> str:
    """What kind of label: "number" (1, 1.1, 2a), "roman" (ii), "letter" (b), "capital" (B), "code" (NI 94), or ""."""
    core = label.strip().strip("().:").strip()
    if not core:
        return ""
    if core[0].isdigit():
        return "number"
    if re.fullmatch(r"[ivx]{1,5}", core) and core != "x" or re.fullmatch(r"i{1,3}|iv|vi{0,3}|ix", core):
        return "roman"
    if re.fullmatch(r"[a-z]", core):
        return "letter"
    if re.fullmatch(r"[A-Z]", core):
        return "capital"
    return "code"


class _Nesting:
    """Items that head others: "1" before "1.1", "1.2"; an item ending with ":" before a), b) or (i), (ii)."""

    def __init__(self, b: Builder, group: dict[str, Any], report: TableReport) -> None:
        self.b, self.group, self.report = b, group, report
        self.sub: dict[str, Any] | None = None
        self.sub_style = ""
        """The style of the items in ``sub`` ("" when they extend its label: 1.1 under 1)."""

    def heads(self, labels: list[str], index: int, item: str) -> bool:
        """Start a sub-group if item ``index`` heads the ones after it."""
        label = labels[index]
        after = labels[index + 1] if index + 1 < len(labels) else ""
        if _heads_next(labels, index) and not trailing_date(item):
            self.sub_style = ""
        elif item.rstrip().endswith(":") and after and label_style(after) not in ("", label_style(label)):
            self.sub_style = label_style(after)
        else:
            return False
        self.sub = {"id": self.b.ids.make(label or item, "group"), "label": label, "text": item, "actions": []}
        self.group.setdefault("groups", []).append(self.sub)
        self.report.groups += 1
        return True

    def into(self, label: str) -> dict[str, Any]:
        """The group an item goes in: the open sub-group while its items go on, else the list's group."""
        if self.sub is not None:
            head = self.sub["label"].rstrip(".:)").strip()
            if self.sub_style and label_style(label) == self.sub_style:
                return self.sub
            if not self.sub_style and head and label.startswith(head + ".") and label.rstrip(".") != head:
                return self.sub
            self.sub = None
        return self.group


def _criteria_list(block: ListBlock, labels: list[str], b: Builder, report: TableReport) -> bool:
    """Items under a "Success criteria" heading, once the schema has criteria: the plan's own criteria."""
    for label, item in zip(labels, block.items):
        report.rows += 1
        criterion = b.criterion(_text_item(b, {"id": "criterion", "actions": []}, label, item), None)
        if report.criteria == 0:
            b.mark(criterion, "id", "success criteria read from text: check each one's label, words and date")
        report.criteria += 1
    return True


def _text_report(b: Builder, state: dict[str, Any]) -> TableReport:
    """The report's entry for items read from text: one for the document, made at the first list."""
    report = state.setdefault("report", None)
    if report is None:
        report = TableReport("text", 0)
        report.columns = ["items read from text: a label or bullet starts each, a deadline at its end is its timescale"]
        b.report.tables.append(report)
        state["report"] = report
    return report


def _list_group(
    heading: str | None, b: Builder, state: dict[str, Any], report: TableReport, criteria: bool
) -> dict[str, Any]:
    """The group the items under ``heading`` go in: made at its first list, named by the heading."""
    group = state.get("group")
    if group is not None and state.get("heading") == heading:
        return group
    split = (split_group_line(heading) or split_label(heading)) if heading else None
    long = bool(split and words(split[1]) > 12)
    group = b.new_group(
        b.groups,
        label=split[0] if split else None,
        text=split[1] if split and long else None,
        title=None if long else (split[1] if split else heading) or None,
    )
    state["group"], state["heading"] = group, heading
    report.groups += 1
    if criteria:
        b.mark(group, "title" if "title" in group else "id", CRITERIA_MARK)
    return group


def _heads_next(labels: list[str], index: int) -> bool:
    """An item whose label the next items' labels extend ("1" before "1.1"): it heads them."""
    label = labels[index].rstrip(".:)").strip()
    return bool(label) and any(
        other.startswith(label + ".") and other.rstrip(".") != label for other in labels[index + 1 :]
    )


def _text_item(b: Builder, into: dict[str, Any], label: str, item: str) -> dict[str, Any]:
    """An item from a list: its label, words, and the lead, date and measures written in them."""
    words_, parts = fields_in_text(item)
    action = b.new_item(into)
    if label:
        action["label"] = label
    action["text"] = words_ or item
    if "responsible" in parts:
        action["responsible"] = names(parts.pop("responsible"))
    if "timescale" in parts:
        action["timescale"] = parts.pop("timescale")
    elif found := trailing_date(action["text"]):
        action["text"], action["timescale"] = found
    for role in ("monitoring", "budget", "success_measures"):
        if role in parts:
            action[role] = parts.pop(role)
    if parts:
        action["commentary"] = "\n\n".join(parts.values())
    return action
