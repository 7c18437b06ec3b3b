"""What a draft collects while its blocks are read: ids, groups, narrative sections and guesses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.importers.report import Report
from generator.model.fields import slugify

PLACEHOLDER = "(no action text in the source)"

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


class Ids:
    """Ids made from words, unique in the draft and never one of the plan page's anchors."""

    def __init__(self) -> None:
        self.used: set[str] = set(RESERVED_ANCHORS)

    def make(self, words_: str, fallback: str, suffix: str = "") -> str:
        base = (slugify(words_)[:40].strip("-.") or fallback) if words_ else fallback
        base = (base.replace(".", "-").strip("-") or fallback) + suffix
        candidate, number = base, 2
        while candidate in self.used:
            candidate, number = f"{base}-{number}", number + 1
        self.used.add(candidate)
        return candidate


@dataclass
class Draft:
    """A draft plan as plain data, its import report, and its guesses."""

    plan: dict[str, Any]
    report: Report
    marks: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)
    """(path to a key in the plan, message): each guess, to be written as a ``# CHECK:`` comment."""


Mark = tuple[list[Any], dict[str, Any], str, str]
"""(unused, the mapping a guess concerns, its key, the message)."""


class Builder:
    """Collects groups, sections, report lines and guesses while the blocks are read."""

    def __init__(self, report: Report, criteria_field: str | None = None) -> None:
        self.ids = Ids()
        self.groups: list[dict[str, Any]] = []
        self.sections: list[dict[str, Any]] = []
        self.report = report
        self.marks: list[Mark] = []
        self.criteria_field = criteria_field
        """The plan's and groups' field for success criteria items, once the schema has one (see draft.CRITERIA_FIELD)."""
        self.criteria: list[dict[str, Any]] = []
        """The plan's own success criteria (an appendix of overarching criteria), when ``criteria_field`` is set."""

    def mark(self, item: dict[str, Any], key: str, message: str) -> None:
        """A guess about ``item[key]``, written as a ``# CHECK:`` comment on its line."""
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

    def new_item(self, group: dict[str, Any]) -> dict[str, Any]:
        """An item with its id, not yet in ``group`` (the caller appends it when it is complete)."""
        return {"id": self.ids.make(group["id"], "action", suffix=f"-{len(group['actions']) + 1}")}

    def criterion(self, item: dict[str, Any], group: dict[str, Any] | None) -> dict[str, Any]:
        """``item``, read like an action, made a success criterion in place: in ``group``'s criteria, or
        the plan's when there is no group. Only the fields a criterion has are kept; the words of any
        other (a lead, a comment) are left for the import's audit to place and report."""
        owner = group[self.criteria_field] if group is not None else self.criteria  # type: ignore[index]
        base = f"{group['id']}-criterion" if group is not None else "criterion"
        kept: dict[str, Any] = {key: item[key] for key in ("label", "text", "timescale", "status") if key in item}
        self.ids.used.discard(item.get("id", ""))  # the id it had as an action is free again
        item.clear()
        item.update({"id": self.ids.make(base, "criterion", suffix=f"-{len(owner) + 1}"), **kept})
        owner.append(item)
        return item
