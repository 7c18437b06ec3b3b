"""Small text helpers shared by the stages."""

from __future__ import annotations

import re

from generator.model.plan import Group, GroupKind

_MARKUP = re.compile(r"[*_`#>\[\]]")
INLINE_REFERENCE = re.compile(r"\[\[([^\]|\n]+?)(?:\|([^\]\n]+))?\]\]")


def plain_text(markdown: str | None) -> str:
    """Markdown reduced to one line of plain text (for titles, summaries, calendars);
    an inline ``[[ref|words]]`` keeps its words."""
    if not markdown:
        return ""
    text = INLINE_REFERENCE.sub(lambda m: m.group(2) or m.group(1), markdown)
    return " ".join(_MARKUP.sub("", text).split())


GROUP_KIND_WORDS = {
    GroupKind.priority: "Priority",
    GroupKind.strategic_priority: "Strategic priority",
    GroupKind.activity: "Activity",
    GroupKind.recommendation: "Recommendation",
    GroupKind.objective: "Objective",
    GroupKind.theme: "Theme",
    GroupKind.workstream: "Workstream",
    GroupKind.section: "Section",
}


def group_heading(group: Group) -> str:
    """A group's heading in words: "Activity 5.1: Promote ...", "Recommendation a)"."""
    word = GROUP_KIND_WORDS[group.kind]
    named = f"{word} {group.label}" if group.label and group.kind is not GroupKind.section else (group.label or "")
    if group.title:
        return f"{named}: {group.title}" if named else group.title
    return named or word


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string that is safe inside a ``<style>`` element: quotes,
    backslashes, control characters and ``<>&`` become CSS hex escapes."""
    out = []
    for char in value:
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
