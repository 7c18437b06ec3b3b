"""What changed between two versions of the plans, in the plans' own terms.

Pure: it compares two loaded models (a Plan with a Plan, or two Catalogues) and
returns ``Change`` records; the formatters turn them into text or Markdown
sentences a councillor can read ("timescale of 5.3 action 2 changed from
“Autumn 2003” to “Spring 2004” — start moved 4 months later, end moved 3 months
later"). ``history/versions.py`` loads the versions from git or folders and
``history/plan_history.py`` runs this over each commit of a plan.

Items are matched by their stable id (the page anchor); actions whose id is only their
place (unlabelled) or changed with their group (moved) by their wording. References are
named by what they point at ("indicator KPI17"), never by their raw ids.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from generator.model.calendar import DEFAULT_CALENDAR, Calendar
from generator.model.fields import Monitoring, Status, Timescale
from generator.model.plan import Action, Consultation, Group, GroupKind, Plan, Source
from generator.model.registry import REGISTRY_LISTS, Registry
from generator.model.timescales import When, normalise
from generator.model.wording import GROUP_KIND_WORDS, INLINE_REFERENCE, plain_text

SNIPPET = 160
"""Longest quoted value in a sentence; longer texts are cut around what changed."""

CHILD_FIELDS = {"groups", "actions", "sections", "indicators", "id"}
"""Fields compared as items of their own (or identity), not as values."""

FUZZY_LIMIT = 2500
"""Most pairs of leftover unlabelled actions compared by wording similarity in one plan."""

RECURSE = (Source, Consultation, Monitoring)
"""Nested models whose fields are compared one by one; other models are compared whole."""

FIELD_PHRASES = {
    "responsible": "who is responsible for {s}",
    "partners": "partners in {s}",
    "audience": "who {s} is for",
    "text": "wording of {s}",
    "body": "text of {s}",
    "lead": "lead of {s}",
    "monitoring.text": "monitoring of {s}",
    "monitoring.by": "who monitors {s}",
    "monitoring.to": "who {s} is reported to",
    "prepared_by": "who prepared {s}",
    "managed_by": "who manages {s}",
    "source.title": "source document of {s}",
    "source.notes": "notes on how {s} was made from its source",
    "consultation.text": "consultation on {s}",
    "consultation.closes": "closing date of the consultation on {s}",
    "consultation.feedback": "how to respond to the consultation on {s}",
}
"""How a field is named in a sentence; the default is "<field> of <item>"."""


@dataclass(frozen=True)
class Change:
    """One thing that changed, as a sentence, with what it is about."""

    sentence: str
    """The change in words; user text inside it is quoted, not escaped."""
    kind: str
    """added, removed, moved or changed."""
    anchor: str | None = None
    """The item's anchor on the plan page, where it still has one."""


@dataclass
class PlanDiff:
    """The changes to one plan between two versions."""

    plan_id: str
    title: str
    status: str
    """added, removed or changed."""
    changes: list[Change] = field(default_factory=list)


@dataclass
class SiteDiff:
    """The changes to every plan and to the registry."""

    plans: list[PlanDiff] = field(default_factory=list)
    registry: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.plans and not self.registry

    def count(self) -> int:
        return sum(len(p.changes) for p in self.plans) + len(self.registry)


# --- words --------------------------------------------------------------------


def quote(text: str) -> str:
    return f"“{text}”"


def shorten(text: str, limit: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short_label(label: str) -> str:
    """ "e)" → "e", "2)" → "2", "5.3" → "5.3": how a label reads in a sentence."""
    label = " ".join(label.split())
    return label[:-1] if label.endswith(")") and "(" not in label and len(label) > 1 else label


def group_name(group: Group) -> str:
    """ "activity 5.3", "recommendation e", "strategic priority “Integrated Services”"."""
    word = GROUP_KIND_WORDS[group.kind].lower()
    if group.label:
        return (
            f"{word} {_short_label(group.label)}" if group.kind is not GroupKind.section else _short_label(group.label)
        )
    return f"{word} {quote(shorten(plain_text(group.title or group.text), 60))}"


def _enum_words(value: Enum) -> str:
    return value.value.replace("-", " ")


def words(value: Any) -> str:
    """A value as a reader sees it: text quoted, states as words, dates written out."""
    if value is None or value == [] or value == "":
        return "nothing"
    if isinstance(value, Enum):
        return _enum_words(value)
    if isinstance(value, str):
        return quote(shorten(plain_text(readable(value)) or value))
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, list):
        return ", ".join(words(v) for v in value)
    if isinstance(value, Status):
        return _enum_words(value.state) + (f" ({quote(shorten(value.text))})" if value.text else "")
    if isinstance(value, Timescale):
        dates = [f"{label} {words(day)}" for label, day in (("from", value.start), ("to", value.end)) if day]
        return quote(value.text) + (f" ({' '.join(dates)})" if dates else "")
    if isinstance(value, BaseModel):
        data = {k: getattr(value, k) for k in type(value).model_fields if getattr(value, k) not in (None, [], "")}
        main = next(
            (k for k in ("text", "description", "label", "title", "code", "name", "on", "term") if k in data), None
        )
        rest = [f"{k.replace('_', ' ')} {words(v)}" for k, v in data.items() if k != main]
        head = words(data[main]) if main else ""
        return f"{head} ({', '.join(rest)})" if head and rest else head or ", ".join(rest) or "nothing"
    return quote(shorten(str(value)))


def _snippets(before: str, after: str) -> tuple[str, str]:
    """Two long texts cut to the words that differ, with a little context."""
    old, new = plain_text(readable(before)).split(), plain_text(readable(after)).split()
    if old == new:  # only where a reference points changed: show what it points at
        old, new = plain_text(readable(before, True)).split(), plain_text(readable(after, True)).split()
    if old == new:  # only markup changed (a list, a link): show the text as written
        old, new = before.split(), after.split()
    if len(" ".join(old)) <= SNIPPET and len(" ".join(new)) <= SNIPPET:
        return " ".join(old), " ".join(new)
    blocks = [b for b in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if b[0] != "equal"]
    if not blocks:
        return shorten(" ".join(old)), shorten(" ".join(new))
    i1, j1 = max(blocks[0][1] - 4, 0), max(blocks[0][3] - 4, 0)
    i2, j2 = min(blocks[-1][2] + 4, len(old)), min(blocks[-1][4] + 4, len(new))

    def cut(tokens: list[str], start: int, end: int) -> str:
        text = shorten(" ".join(tokens[start:end]), SNIPPET - 2)
        return ("…" if start > 0 else "") + text + ("…" if end < len(tokens) and not text.endswith("…") else "")

    return cut(old, i1, i2), cut(new, j1, j2)


def _months(before: dt.date, after: dt.date) -> int | None:
    """Whole months between two dates when both are the same day of the month or both month ends."""

    def month_end(day: dt.date) -> bool:
        return (day + dt.timedelta(days=1)).day == 1

    if before.day == after.day or (month_end(before) and month_end(after)):
        return (after.year - before.year) * 12 + after.month - before.month
    return None


def _shift(before: dt.date, after: dt.date) -> str:
    """ "3 months later", "2 weeks earlier", "1 day later"."""
    direction = "later" if after > before else "earlier"
    months = _months(before, after)
    days = abs((after - before).days)
    if months is not None and months % 12 == 0 and months:
        amount, unit = abs(months) // 12, "year"
    elif months is not None and months:
        amount, unit = abs(months), "month"
    elif days % 7 == 0 and days < 70:
        amount, unit = days // 7, "week"
    elif days < 60:
        amount, unit = days, "day"
    else:
        amount, unit = round(days / 30.44), "month"
        return f"about {amount} months {direction}"
    return f"{amount} {unit}{'s' if amount != 1 else ''} {direction}"


def timing_note(before: Any, after: Any, calendar: Calendar = DEFAULT_CALENDAR) -> str:
    """How the dates read from two timescales differ: "start moved 4 months later, end moved 3 months later"."""
    old: When = normalise(before, calendar)
    new: When = normalise(after, calendar)
    if old.undated and new.undated:
        return ""
    if new.undated:
        return "no longer dated"
    if old.undated:
        return "now dated"
    parts = []
    moves = {}
    for name in ("start", "end"):
        was, now = getattr(old, name), getattr(new, name)
        if was == now:
            continue
        if was is None:
            parts.append(f"now has {'an' if name == 'end' else 'a'} {name} date")
        elif now is None:
            parts.append(f"no longer has a {name} date")
        else:
            moves[name] = _shift(was, now)
    if len(moves) == 2 and moves["start"] == moves["end"]:
        parts.insert(0, f"moved {moves['start']}")
    else:
        parts[:0] = [f"{name} moved {how}" for name, how in moves.items()]
    return ", ".join(parts)


def _phrase(path: str, subject: str) -> str:
    template = FIELD_PHRASES.get(path) or FIELD_PHRASES.get(path.rpartition(".")[2])
    if template is None:
        return f"{path.replace('.', ' ').replace('_', ' ')} of {subject}"
    return template.format(s=subject)


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


# --- references by their titles -----------------------------------------------------


_REFERENCES: ContextVar[tuple[Any, ...]] = ContextVar("references", default=((), (), ()))
"""What references are named from: plans by id, registries, and the plan compared (newer first)."""


def reference_name(key: str) -> str | None:
    """What an inline reference points at as a reader knows it ("indicator KPI17", "activity
    5.3 of “Education Development Plan”", "“Head of School Improvement”"), or None."""
    plans, registries, here = _REFERENCES.get()
    plan_id, _, anchor = key.strip().partition("#")
    kind, _, entry_id = plan_id.partition(":")
    if entry_id:  # role:id, team:id, person:id, organisation:id, audience:id
        entries = getattr(registries[0], {"person": "people"}.get(kind, f"{kind}s"), []) if registries else []
        return next((quote(e.name) for e in entries if e.id == entry_id), None)
    for plan in [p[plan_id] for p in plans if plan_id in p] if plan_id else here:
        if not anchor:
            return quote(plan.title)
        if item := next((e for e in _items(plan).values() if e.item.id == anchor), None):
            return f"{item.name} of {quote(plan.title)}" if plan_id else item.name
    return next((quote(e.title) for r in registries[:1] for e in r.external if e.id == plan_id and not anchor), None)


def readable(text: str, targets: bool = False) -> str:
    """``text`` with each inline reference as a reader sees it: its own words, or the name of
    what it points at; with ``targets``, its words and then what they point at."""

    def one(match: re.Match[str]) -> str:
        name = reference_name(match[1]) or match[1].strip()
        return (f"{match[2]} (→ {name})" if targets else match[2]) if match[2] else name

    return INLINE_REFERENCE.sub(one, text)


# --- comparing values ------------------------------------------------------------


def _key(value: Any) -> str:
    """What identifies an element of a list across versions."""
    if isinstance(value, BaseModel):
        for name in ("id", "period", "label", "text", "description", "on", "term"):
            if name in type(value).model_fields and getattr(value, name) is not None:
                if name == "label" and "value" not in type(value).model_fields:
                    continue
                return str(getattr(value, name))
        if "date" in type(value).model_fields:
            dated: Any = value
            return str(dated.date)
    return words(value)


def _keyed(values: list[Any]) -> dict[str, Any]:
    keyed: dict[str, Any] = {}
    for value in values:
        key = _key(value)
        while key in keyed:
            key += "\u0000"  # the same key twice: keep both, in order
        keyed[key] = value
    return keyed


def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def _and(items: list[str]) -> str:
    """ "“a”", "“a” and “b”", "“a”, “b” and “c”"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _element_change(before: Any, after: Any) -> str:
    """How one element of a list changed: only the fields that differ, for a model."""
    if not (isinstance(before, BaseModel) and type(before) is type(after)):
        return f"{words(before)} changed to {words(after)}"
    parts = []
    for name in type(after).model_fields:
        was, now = getattr(before, name), getattr(after, name)
        if _dump(was) == _dump(now):
            continue
        label = name.replace("_", " ")
        if was in (None, "", []):
            parts.append(f"{label} set to {words(now)}")
        elif now in (None, "", []):
            parts.append(f"{label} removed (it was {words(was)})")
        else:
            parts.append(f"{label} changed from {words(was)} to {words(now)}")
    return f"{quote(shorten(_key(after), 60))}: {'; '.join(parts)}"


def _list_changes(path: str, subject: str, before: list[Any], after: list[Any], anchor: str | None) -> list[Change]:
    old, new = _keyed(before), _keyed(after)
    added = [words(v) for k, v in new.items() if k not in old]
    removed = [words(v) for k, v in old.items() if k not in new]
    changes = []
    if added or removed:
        parts = ([f"added {_and(added)}"] if added else []) + ([f"removed {_and(removed)}"] if removed else [])
        kind = "changed" if added and removed else ("added" if added else "removed")
        changes.append(Change(f"{_phrase(path, subject)}: {'; '.join(parts)}", kind, anchor))
    for key, value in new.items():
        if key in old and _dump(old[key]) != _dump(value):
            changes.append(Change(f"{_phrase(path, subject)}: {_element_change(old[key], value)}", "changed", anchor))
    if not changes and [_key(v) for v in before] != [_key(v) for v in after]:
        changes.append(Change(f"{_phrase(path, subject)}: reordered", "changed", anchor))
    return changes


def compare_fields(
    before: BaseModel, after: BaseModel, subject: str, anchor: str | None, calendar: Calendar, prefix: str = ""
) -> list[Change]:
    """Field-by-field changes between two versions of one item (children left out)."""
    changes: list[Change] = []
    for name in type(after).model_fields:
        if name in CHILD_FIELDS and not prefix:
            continue
        old, new = getattr(before, name), getattr(after, name)
        if _dump(old) == _dump(new):
            continue
        path = prefix + name
        if isinstance(old, RECURSE) and isinstance(new, RECURSE) and type(old) is type(new):
            changes += compare_fields(old, new, subject, anchor, calendar, prefix=f"{path}.")
        elif isinstance(old, list) or isinstance(new, list):
            changes += _list_changes(path, subject, old or [], new or [], anchor)
        elif old in (None, "", []):
            changes.append(Change(f"{_phrase(path, subject)} set to {words(new)}", "changed", anchor))
        elif new in (None, "", []):
            changes.append(Change(f"{_phrase(path, subject)} removed (it was {words(old)})", "changed", anchor))
        elif isinstance(old, str) and isinstance(new, str):
            was, now = _snippets(old, new)
            changes.append(
                Change(f"{_phrase(path, subject)} changed from {quote(was)} to {quote(now)}", "changed", anchor)
            )
        else:
            sentence = f"{_phrase(path, subject)} changed from {words(old)} to {words(new)}"
            if isinstance(old, Timescale) and isinstance(new, Timescale):
                note = timing_note(old, new, calendar)
                sentence += f" — {note}" if note else ""
            changes.append(Change(sentence, "changed", anchor))
    return changes


# --- matching items ----------------------------------------------------------------


@dataclass
class _Item:
    kind: str
    item: Any
    parent: str | None
    """Key of the group (or section) it sits in."""
    order: int
    name: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item.id}"


def _items(plan: Plan) -> dict[str, _Item]:
    """Every anchored item of a plan by ``kind:id``, named as the plan writes it."""
    items: dict[str, _Item] = {}
    parents: dict[int, str | None] = {}
    groups: dict[int, Group] = {}
    for group, ancestors in plan.walk_groups():
        parents[id(group)] = f"group:{ancestors[-1].id}" if ancestors else None
        for action in group.actions:
            groups[id(action)] = group
            parents[id(action)] = f"group:{group.id}"
        for criterion in group.success_criteria:
            parents[id(criterion)] = f"group:{group.id}"
    for section, ancestors in plan.walk_sections():
        parents[id(section)] = f"section:{ancestors[-1].id}" if ancestors else None
    for order, (kind, item, _) in enumerate(plan.anchored_items()):
        entry = _Item(kind, item, parents.get(id(item)), order)
        if kind == "group":
            entry.name = group_name(item)
        elif kind == "action":
            entry.name = action_name(item, groups[id(item)])
        elif kind == "section":
            entry.name = f"section {quote(shorten(item.title, 60))}"
        elif kind == "criterion":
            entry.name = f"success criterion {_short_label(item.label) if item.label else quote(shorten(plain_text(item.text), 60))}"
        else:
            entry.name = f"indicator {item.code}"
        items.setdefault(entry.key, entry)
    return items


def action_name(action: Action, group: Group) -> str:
    """ "5.3 action 2", "action 1a of recommendation b", "recommendation e" (its only action),
    "action 3 of strategic priority “Integrated Services”"."""
    if action.label:
        label = _short_label(action.label)
        if group.label and group.label[:1].isdigit():
            return f"{_short_label(group.label)} action {label}"
        return f"action {label} of {group_name(group)}"
    if len(group.actions) == 1:
        return group_name(group)
    return f"action {group.actions.index(action) + 1} of {group_name(group)}"


def _positional(entry: _Item) -> bool:
    """Whether an action's id is only its place in its group (it has no label of its own)."""
    return entry.kind == "action" and not entry.item.label


def _match(old: dict[str, _Item], new: dict[str, _Item]) -> list[tuple[_Item | None, _Item | None]]:
    """Pairs (before, after): by id, and unlabelled actions by their wording, in document order;
    then the actions left over by their wording (``_rejoin``)."""
    pairs: list[tuple[_Item | None, _Item | None]] = []
    loose_old = [e for e in old.values() if _positional(e)]
    loose_new = [e for e in new.values() if _positional(e)]
    for key, entry in new.items():
        if not _positional(entry):
            before = old.get(key)
            pairs.append((before if before is not None and not _positional(before) else None, entry))
    for key, entry in old.items():
        if not _positional(entry) and (key not in new or _positional(new[key])):
            pairs.append((entry, None))
    texts_old = [plain_text(e.item.text) for e in loose_old]
    texts_new = [plain_text(e.item.text) for e in loose_new]
    left: list[_Item] = []
    right: list[_Item] = []
    matcher = difflib.SequenceMatcher(None, texts_old, texts_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs += list(zip(loose_old[i1:i2], loose_new[j1:j2]))
        else:
            left += loose_old[i1:i2]
            right += loose_new[j1:j2]
    return _rejoin(pairs + [(None, after) for after in right] + [(before, None) for before in left])


def _rejoin(pairs: list[tuple[_Item | None, _Item | None]]) -> list[tuple[_Item | None, _Item | None]]:
    """Actions that look added and removed but are one: the same wording elsewhere (moved; a
    labelled action's id, made from its group, changes with it), then the same label (or none)
    and the closest wording (skipped when comparing every pair would be slow)."""
    removed = {i: b for i, (b, a) in enumerate(pairs) if a is None and b is not None and b.kind == "action"}
    added = [(i, a) for i, (b, a) in enumerate(pairs) if b is None and a is not None and a.kind == "action"]
    joined: dict[int, _Item] = {}
    taken: set[int] = set()
    for exact in (True, False):
        if not exact and len(removed) * (len(added) - len(joined)) > FUZZY_LIMIT:
            break
        for index, after in [(i, a) for i, a in added if i not in joined]:
            text = after.item.text
            scores = [
                (1.0 if exact else difflib.SequenceMatcher(None, b.item.text, text).ratio(), i)
                for i, b in removed.items()
                if (b.item.text == text if exact else b.item.label == after.item.label)
            ]
            score, found = max(scores, key=lambda s: s[0], default=(0.0, None))
            if found is not None and score >= 0.6:
                joined[index] = removed.pop(found)
                taken.add(found)
    return [(joined.get(i, pair[0]), pair[1]) for i, pair in enumerate(pairs) if i not in taken]


def _summary(entry: _Item) -> str:
    """What an added or removed item says: its words, and for a group how many actions it holds."""
    item = entry.item
    if entry.kind == "section":
        return ""
    if entry.kind == "group":
        shown = "" if not item.label else plain_text(readable(item.title or item.text))
        count = sum(len(g.actions) for g in _with_descendants(item))
        extra = f" with {count} action{'s' if count != 1 else ''}" if count else ""
    else:
        shown = plain_text(readable(item.text if entry.kind in ("action", "criterion") else item.description))
        extra = ""
    return (f": {quote(shorten(shown))}" if shown else "") + extra


def _with_descendants(group: Group) -> list[Group]:
    return [group] + [g for child in group.groups for g in _with_descendants(child)]


def _place(parent: _Item | None) -> str:
    return parent.name if parent else "the top level"


def diff_plan(
    before: Plan | None, after: Plan | None, calendar: Calendar = DEFAULT_CALENDAR, site: tuple[list, list] = ([], [])
) -> PlanDiff:
    """The changes between two versions of a plan (either may be None: added or removed);
    ``site``: the plans and registries that references to other plans are named from."""
    token = _REFERENCES.set((*site, tuple(p for p in (after, before) if p is not None)))
    try:
        return _diff_plan(before, after, calendar)
    finally:
        _REFERENCES.reset(token)


def _diff_plan(before: Plan | None, after: Plan | None, calendar: Calendar) -> PlanDiff:
    plan = after or before
    assert plan is not None
    if before is None or after is None:
        status = "added" if before is None else "removed"
        count = len(plan.actions())
        detail = (
            f"{len(plan.groups)} top-level group(s), {count} action(s)"
            if plan.groups
            else f"{len(plan.sections)} section(s)"
        )
        return PlanDiff(plan.id, plan.title, status, [Change(f"plan {status}: {quote(plan.title)} ({detail})", status)])
    changes = compare_fields(before, after, "the plan", None, calendar)
    old, new = _items(before), _items(after)
    added_keys: set[str] = set()
    removed_keys: set[str] = set()
    ordered: list[tuple[int, int, Change]] = []
    for was, now in _match(old, new):
        if was is None and now is not None:
            added_keys.add(now.key)
            if now.parent in added_keys:
                continue
            ordered.append((0, now.order, Change(_capital(f"{now.name} added{_summary(now)}"), "added", now.item.id)))
        elif now is None and was is not None:
            removed_keys.add(was.key)
            if was.parent in removed_keys:
                continue
            ordered.append((1, was.order, Change(_capital(f"{was.name} removed{_summary(was)}"), "removed")))
        elif was is not None and now is not None:
            found: list[Change] = []
            old_parent, new_parent = old.get(was.parent or ""), new.get(now.parent or "")
            if was.parent != now.parent:
                found.append(
                    Change(
                        _capital(f"{was.name} moved from {_place(old_parent)} to {_place(new_parent)}"),
                        "moved",
                        now.item.id,
                    )
                )
            found += compare_fields(was.item, now.item, now.name, now.item.id, calendar)
            ordered += [(0, now.order, change) for change in found]
    # Changes in the new plan's order; then what was removed, in the old plan's order.
    changes += [change for _, _, change in sorted(ordered, key=lambda o: (o[0], o[1]))]
    return PlanDiff(after.id, after.title, "changed", changes)


# --- the registry and whole sites -----------------------------------------------------

REGISTRY_WORDS = {name: name.removesuffix("s") for name in REGISTRY_LISTS}
REGISTRY_WORDS |= {"people": "person", "acronyms": "abbreviation", "external": "external plan"}


def _entry_name(entry: BaseModel) -> str:
    for name in ("name", "title", "term", "old_path"):
        if getattr(entry, name, None):
            return quote(shorten(getattr(entry, name), 80))
    return words(entry)


def diff_registry(before: Registry, after: Registry) -> list[Change]:
    """A brief account of registry changes: entries added, removed or changed."""
    changes = []
    for name in REGISTRY_LISTS:
        word = REGISTRY_WORDS[name]
        old, new = _keyed(getattr(before, name)), _keyed(getattr(after, name))
        for key, value in new.items():
            if key not in old:
                changes.append(Change(f"{word} {_entry_name(value)} added", "added"))
            elif _dump(old[key]) != _dump(value):
                changes.append(Change(f"{word} {_element_change(old[key], value)}", "changed"))
        changes += [
            Change(f"{word} {_entry_name(value)} removed", "removed") for key, value in old.items() if key not in new
        ]
    if _dump(before.calendar) != _dump(after.calendar):
        changes.append(Change("the school calendar changed", "changed"))
    return changes


def diff_sites(
    before_plans: Iterable[Plan],
    after_plans: Iterable[Plan],
    before_registry: Registry | None = None,
    after_registry: Registry | None = None,
    calendar: Calendar = DEFAULT_CALENDAR,
) -> SiteDiff:
    """Every plan compared by id, plans in title order; and the registry."""
    old = {p.id: p for p in before_plans}
    new = {p.id: p for p in after_plans}
    site = ([new, old], [r for r in (after_registry, before_registry) if r is not None])
    result = SiteDiff()
    for plan_id in sorted(old.keys() | new.keys(), key=lambda i: ((new.get(i) or old[i]).title.casefold(), i)):
        found = diff_plan(old.get(plan_id), new.get(plan_id), calendar, site)
        if found.changes:
            result.plans.append(found)
    if before_registry is not None and after_registry is not None:
        result.registry = diff_registry(before_registry, after_registry)
    return result
