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

    def __init__(self, report: Report) -> None:
        self.ids = Ids()
        self.groups: list[dict[str, Any]] = []
        self.sections: list[dict[str, Any]] = []
        self.report = report
        self.marks: list[Mark] = []

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
