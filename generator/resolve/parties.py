"""Who: registry entries, names as printed resolved to them, and who takes part in what.

Part of the resolve stage. Every name a plan prints (responsible, partners,
audience, monitoring, leads...) is looked up in the registry by name and
aliases, preferring entries of the plan's own organisation (a role or team
found only in another organisation is a warning and is not linked: a shared
title there is most likely another post); the result is a
``Directory`` the render stage reads for role and audience pages, mention
links and responsibility matrices. A name that matches nothing is a warning
with its position; a ``ref`` to a missing id is an error.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from generator.load.reader import Document
from generator.model.fields import Mention
from generator.model.plan import Action, Group, Plan
from generator.model.registry import Registry
from generator.model.wording import plain_text
from generator.problems import Problem, Severity

Loc = tuple[str | int, ...]


class Kind(str, Enum):
    person = "person"
    role = "role"
    team = "team"
    organisation = "organisation"
    audience = "audience"


KIND_FIELDS = {
    Kind.person: "people",
    Kind.role: "roles",
    Kind.team: "teams",
    Kind.organisation: "organisations",
    Kind.audience: "audiences",
}
"""Registry list each kind lives in; also the folder of its pages."""


class Part(str, Enum):
    """How a party takes part in an action or a plan."""

    responsible = "responsible"
    partner = "partner"
    monitoring = "monitoring"
    reported_to = "reported-to"
    audience = "audience"
    lead = "lead"
    prepared_by = "prepared-by"
    managed_by = "managed-by"


@dataclass(frozen=True)
class Party:
    """A registry entry of any kind: someone or something a plan can name."""

    kind: Kind
    id: str
    name: str
    entry: Any = field(compare=False)
    """The registry model; parties compare and hash by kind and id."""

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.id}"

    @property
    def organisation(self) -> str | None:
        if self.kind is Kind.organisation:
            return self.id
        return getattr(self.entry, "organisation", None)


@dataclass(frozen=True)
class Involvement:
    """One mention of a party: who, how, where, and the name as printed."""

    party: Party
    part: Part
    plan: Plan
    printed: str
    action: Action | None = None
    group: Group | None = None


@dataclass
class Directory:
    """The registry as parties, and every resolved mention."""

    parties: dict[str, Party] = field(default_factory=dict)
    resolved: dict[int, Party] = field(default_factory=dict)
    """``id(mention)`` → the party it names."""
    involvements: dict[str, list[Involvement]] = field(default_factory=lambda: defaultdict(list))
    """Party key → where it is named, in plan and document order."""

    by_plan: dict[str, list[Involvement]] = field(default_factory=dict, repr=False, compare=False)
    """Plan id → its entries of ``involvements``, in the same order (by party, then document):
    a matrix per plan must not read every mention on the site."""
    mentioned: dict[str, list[TextMention]] = field(default_factory=dict)
    """Party key → where a plan's text (not a names field) names it, in plan and document order."""
    publishes: dict[str, list[Plan]] = field(default_factory=dict)
    """Organisation key → the plans it publishes, in plan order."""
    mentioned_in: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)
    """Plan id → the keys of the parties its text names (``mentioned``)."""
    finder: Any = field(default=None, repr=False, compare=False)
    """What finds the parties' names in text (``resolve.mentions.NameFinder``), made once
    for these parties."""

    def party_of(self, mention: Mention) -> Party | None:
        return self.resolved.get(id(mention))

    def involvements_in(self, plan_id: str) -> list[Involvement]:
        """Every mention in one plan, by party, then in document order."""
        return self.by_plan.get(plan_id, [])

    def spellings(self, party: Party) -> list[str]:
        """The names as printed in the plans that resolved to ``party``."""
        return sorted({i.printed for i in self.involvements.get(party.key, [])}, key=lambda s: (s.casefold(), s))

    def everyone(self) -> list[Party]:
        """Every party in the registry, by kind and name."""
        order = list(Kind)
        return sorted(self.parties.values(), key=lambda p: (order.index(p.kind), p.name.casefold()))

    def published(self, party: Party) -> bool:
        """Whether ``party`` has a page: a plan names it (in a names field or in its text), or
        it publishes a plan. An entry no plan names would be a page that leads nowhere."""
        key = party.key
        return bool(self.involvements.get(key) or self.mentioned.get(key) or self.publishes.get(key))

    def everyone_published(self) -> list[Party]:
        """Every party with a page (``published``), by kind and name."""
        return [party for party in self.everyone() if self.published(party)]


_DASHES = re.compile(r"[\u2012-\u2015-]")


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """How names are compared: case, spacing, dash style and a trailing full stop do not count."""
    return " ".join(_DASHES.sub("-", name).casefold().split()).rstrip(".,;: ")


GROUP_PARTS = {
    Part.lead: Part.responsible,
    Part.partner: Part.partner,
    Part.monitoring: Part.monitoring,
    Part.reported_to: Part.reported_to,
}
"""How a name printed on a group takes part in each of its actions (nested groups' too): the
lead of a recommendation is responsible for its actions, its review group monitors them."""


def _group_sites(group: Group, here: Loc) -> Iterator[tuple[Mention, Part, Loc]]:
    """The names a group prints: its leads, partners, and who monitors and evaluates it."""
    for name, part in (("lead", Part.lead), ("partners", Part.partner)):
        for index, mention in enumerate(getattr(group, name)):
            yield mention, part, here + (name, index)
    for field_name in ("monitoring", "evaluation"):
        for number, arrangement in enumerate(getattr(group, field_name)):
            for name, part in (("by", Part.monitoring), ("to", Part.reported_to)):
                for index, mention in enumerate(getattr(arrangement, name)):
                    yield mention, part, here + (field_name, number, name, index)


def _involvements(party: Party, part: Part, plan: Plan, printed: str, action: Action | None, group: Group | None):
    """The involvements one mention makes: one, or for a name printed on a group one in each
    of the group's actions (and its nested groups'), as GROUP_PARTS says."""
    if action is not None or group is None or part not in GROUP_PARTS:
        return [Involvement(party, part, plan, printed, action, group)]

    def actions(item: Group):
        for own in item.actions:
            yield item, own
        for inner in item.groups:
            yield from actions(inner)

    found = [Involvement(party, GROUP_PARTS[part], plan, printed, own, where) for where, own in actions(group)]
    return found or [Involvement(party, part, plan, printed, None, group)]


def mention_sites(plan: Plan) -> Iterator[tuple[Mention, Part, Action | None, Group | None, Loc]]:
    """Every name a plan prints, with how it takes part and where (``action`` None for a name
    printed on a group or on the plan)."""
    for name, part in (
        ("prepared_by", Part.prepared_by),
        ("lead", Part.lead),
        ("partners", Part.partner),
        ("audience", Part.audience),
    ):
        for index, mention in enumerate(getattr(plan, name)):
            yield mention, part, None, None, (name, index)
    for number, indicator in enumerate(plan.indicators):
        for index, mention in enumerate(indicator.lead):
            yield mention, Part.lead, None, None, ("indicators", number, "lead", index)
    for number, dependency in enumerate(plan.dependencies):
        for index, mention in enumerate(dependency.managed_by):
            yield mention, Part.managed_by, None, None, ("dependencies", number, "managed_by", index)

    def groups(items: list[Group], loc: Loc):
        for number, group in enumerate(items):
            here = loc + (number,)
            for mention, part, at in _group_sites(group, here):
                yield mention, part, None, group, at
            for action_number, action in enumerate(group.actions):
                at = here + ("actions", action_number)
                for name, part in (
                    ("responsible", Part.responsible),
                    ("partners", Part.partner),
                    ("audience", Part.audience),
                ):
                    for index, mention in enumerate(getattr(action, name)):
                        yield mention, part, action, group, at + (name, index)
                if action.monitoring:
                    for name, part in (("by", Part.monitoring), ("to", Part.reported_to)):
                        for index, mention in enumerate(getattr(action.monitoring, name)):
                            yield mention, part, action, group, at + ("monitoring", name, index)
            yield from groups(group.groups, here + ("groups",))

    yield from groups(plan.groups, ("groups",))


def _parties(registry: Registry) -> dict[str, Party]:
    parties: dict[str, Party] = {}
    for kind, name in KIND_FIELDS.items():
        for entry in getattr(registry, name):
            party = Party(kind, entry.id, entry.name, entry)
            parties.setdefault(party.key, party)
    return parties


def _scope_rank(party: Party, plan: Plan, organisations: dict[str, Any]) -> int:
    """0: the plan's own organisation (or part of it); 1: no organisation; 2: another one."""
    owner = party.organisation
    if owner is None:
        return 1
    if owner == plan.organisation:
        return 0
    parent = getattr(organisations.get(owner), "part_of", None)
    return 0 if parent == plan.organisation else 2


def _nearest(candidates: list[Party], plan: Plan, part: Part, organisations: dict[str, Any]) -> list[Party]:
    """The registry entries a printed name in ``plan`` may mean, nearest the plan's own
    organisation first; audiences first where the plan names an audience."""
    if part is Part.audience:
        candidates = [p for p in candidates if p.kind is Kind.audience] or candidates
    if not candidates:
        return []
    ranks = [_scope_rank(p, plan, organisations) for p in candidates]
    best = min(ranks)
    return [p for p, rank in zip(candidates, ranks) if rank == best]


_TITLES = (Kind.role, Kind.team)
"""Kinds named by a title that many organisations share ("Head of School Improvement"): a
match only in another organisation is most likely another post, so it is not linked."""


def _elsewhere(
    document: Document, loc: Loc, mention: Mention, nearest: list[Party], plan: Plan, organisations: dict[str, Any]
) -> Problem:
    """The warning for a role or team name found only in other organisations' entries."""
    owners = " and ".join(
        f"{p.kind.value} '{p.id}' of {getattr(organisations.get(p.organisation or ''), 'name', p.organisation)}"
        for p in nearest
    )
    return document.problem(
        loc,
        f"'{mention.text}' is in the registry only as {owners}, not of '{plan.organisation}'; it is not linked",
        f"add it to plans/registry/ with organisation: {plan.organisation}, or write "
        f"{{text: {mention.text}, ref: {nearest[0].id}}} if it is that {nearest[0].kind.value}",
        severity=Severity.warning,
    )


def build_directory(
    registry: Registry, plans: list[tuple[Plan, Document]], check_refs: bool = True
) -> tuple[Directory, list[Problem]]:
    """Resolve every printed name in every plan against the registry."""
    directory = Directory(parties=_parties(registry))
    organisations = {o.id: o for o in registry.organisations}
    by_name: dict[str, list[Party]] = defaultdict(list)
    for party in directory.parties.values():
        for name in [party.name, *party.entry.aliases]:
            if party not in by_name[name_key(name)]:
                by_name[name_key(name)].append(party)
    by_id: dict[str, list[Party]] = defaultdict(list)
    for party in directory.parties.values():
        by_id[party.id].append(party)

    problems: list[Problem] = []
    chosen: dict[tuple[str, str, bool], list[Party]] = {}
    for plan, document in plans:
        for mention, part, action, group, loc in mention_sites(plan):
            if mention.ref:
                candidates = by_id.get(mention.ref, [])
                if not candidates:
                    if check_refs:
                        problems.append(
                            document.problem(loc + ("ref",), f"'{mention.ref}' is not an id in the registry")
                        )
                    continue
                party = candidates[0]
            else:
                # The nearest entries depend only on the name, the plan's organisation and
                # whether it names an audience: worked out once for each (names repeat across
                # thousands of actions, and a role's name may be in every organisation).
                choice = (name_key(mention.text), plan.organisation, part is Part.audience)
                nearest = chosen.get(choice)
                if nearest is None:
                    nearest = chosen[choice] = _nearest(by_name.get(choice[0], []), plan, part, organisations)
                if not nearest:
                    problems.append(
                        document.problem(
                            loc,
                            f"'{mention.text}' is not in the registry",
                            "add it, or an alias of an existing entry, to a file in plans/registry/",
                            severity=Severity.warning,
                        )
                    )
                    continue
                if nearest[0].kind in _TITLES and _scope_rank(nearest[0], plan, organisations) == 2:
                    problems.append(_elsewhere(document, loc, mention, nearest, plan, organisations))
                    continue
                if len(nearest) > 1:
                    names = " and ".join(f"{p.kind.value} '{p.id}'" for p in nearest)
                    problems.append(
                        document.problem(
                            loc,
                            f"'{mention.text}' could be {names}",
                            "write it as {text: ..., ref: <id>} to say which",
                            severity=Severity.warning,
                        )
                    )
                party = nearest[0]
            directory.resolved[id(mention)] = party
            directory.involvements[party.key] += _involvements(party, part, plan, mention.text, action, group)
    for key, involvements in directory.involvements.items():
        # A group's lead who is also named on one of its actions takes part in it once.
        seen: set[tuple[Part, int, str]] = set()
        kept = []
        for involvement in involvements:
            mark = (
                involvement.part,
                id(involvement.action or involvement.group or involvement.plan),
                involvement.printed,
            )
            if mark not in seen:
                seen.add(mark)
                kept.append(involvement)
        directory.involvements[key] = kept
    for involvements in directory.involvements.values():
        for involvement in involvements:
            directory.by_plan.setdefault(involvement.plan.id, []).append(involvement)
    return directory, problems


# --- names in a plan's text (found by generator/resolve/mentions.py) ---------------------


@dataclass(frozen=True)
class TextMention:
    """A registry name or alias found in a plan's text (its wording, monitoring, criteria,
    narrative...), not in one of its names fields."""

    party: Party
    plan: Plan
    anchor: str | None
    """Where on the plan page the text is shown (None: at the top)."""
    place: str
    """The item the text belongs to, in words ("Recommendation a)", "section “Why change?”")."""
    field: str
    """Which of its texts ("wording", "monitoring", "success criteria"...)."""
    context: tuple[str, str, str]
    """The words before the name, the name as printed, and the words after."""
    action: Action | None = None


def audience_entries(party: Party, directory: Directory, schedule: dict[str, Any]) -> list[Any]:
    """The dated entries (``generator/resolve/timeline.py``) of every action aimed at an
    audience, and the milestones of the plans aimed at it as a whole, in plan order."""
    aimed = [i for i in directory.involvements.get(party.key, []) if i.part is Part.audience]
    actions = {id(i.action) for i in aimed if i.action is not None}
    whole = {i.plan.id for i in aimed if i.action is None}
    involved = {i.plan.id for i in aimed}
    return [
        entry
        for plan_id, entries in schedule.items()
        if plan_id in involved
        for entry in entries.entries
        if (id(entry.action) in actions if entry.action is not None else plan_id in whole)
    ]


# --- responsibility matrices ----------------------------------------------------

MATRIX_PARTS = {
    Part.responsible: "responsible",
    Part.partner: "supporting",
    Part.monitoring: "monitoring",
    Part.reported_to: "monitoring",
    Part.audience: "audience",
}
"""How an action-level part shows in a matrix cell (monitoring and reported-to are one)."""
MATRIX_ORDER = ("responsible", "supporting", "monitoring", "audience")
MAX_ACTION_COLUMNS = 8
"""Plans with at most this many actions get a column per action, others a column per group."""


@dataclass(frozen=True)
class MatrixColumn:
    anchor: str
    heading: str
    """Short, for a narrow column: the label and the first words ("a) Measures be implemented…")."""
    full: str
    """In full, for screen readers and tooltips ("Activity 5.1: Promote ...")."""
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class MatrixRow:
    party: Party
    cells: tuple[dict[str, int], ...]
    """Per column: how the party takes part → in how many actions."""
    actions: int
    """Distinct actions the party takes part in."""


@dataclass
class Matrix:
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    has_owners: bool


SHORT_WORDS = 30
"""Most characters of a group's or an action's words in a matrix column's heading."""
_LEAD_IN = re.compile(r"^(that|to|we will)\b[\s,]*", re.IGNORECASE)


def short_words(text: str, most: int = SHORT_WORDS) -> str:
    """A group's or action's words shortened for a narrow heading: the first words, without a
    recommendation's lead-in "That" ("That measures be implemented..." → "Measures be implemented…")."""
    words = _LEAD_IN.sub("", plain_text(text)).strip()
    if len(words) > most:
        cut = words[: most + 1].rsplit(" ", 1)[0] if " " in words[: most + 1] else words[:most]
        words = cut.rstrip(" ,;:-–") + "…"
    return words[:1].upper() + words[1:]


def _group_words(group: Group) -> str:
    """A group's title (short already) up to 48 characters, else its text's first words."""
    return short_words(group.title, 48) if group.title else short_words(group.text or "")


def _labelled(label: str, words: str) -> str:
    return f"{label} {words}".strip()


def responsibility_matrix(plan: Plan, directory: Directory, heading) -> Matrix:
    """Parties × the plan's groups (or actions, for a small plan): who takes part how.

    ``heading`` names a group in full (the render stage's words)."""
    actions = plan.actions()
    if len(actions) <= MAX_ACTION_COLUMNS:
        columns = [
            MatrixColumn(
                a.id or "",
                _labelled(a.label or str(n), short_words(a.text)),
                f"Action {a.label or n}: {plain_text(a.text)}",
                (a,),
            )
            for n, a in enumerate(actions, start=1)
        ]
    else:
        columns = [
            MatrixColumn(
                group.id,
                _labelled(group.label or "", _group_words(group)) or heading(group),
                heading(group) + (f": {plain_text(group.text)}" if group.text and not group.title else ""),
                tuple(group.actions),
            )
            for group, _ in plan.walk_groups()
            if group.actions
        ]
    column_of = {id(a): index for index, column in enumerate(columns) for a in column.actions}
    counts: dict[str, list[dict[str, set[int]]]] = {}
    parties: dict[str, Party] = {}
    for involvement in directory.involvements_in(plan.id):
        key = involvement.party.key
        if involvement.action is not None and involvement.part in MATRIX_PARTS:
            index = column_of[id(involvement.action)]
            cells = counts.setdefault(key, [defaultdict(set) for _ in columns])
            cells[index][MATRIX_PARTS[involvement.part]].add(id(involvement.action))
            parties[key] = involvement.party
    order = list(Kind)
    rows = [
        MatrixRow(
            party=parties[key],
            cells=tuple({part: len(cell[part]) for part in MATRIX_ORDER if cell.get(part)} for cell in cells),
            actions=len({action for cell in cells for ids in cell.values() for action in ids}),
        )
        for key, cells in counts.items()
    ]
    rows.sort(key=lambda r: (r.party.kind is Kind.audience, order.index(r.party.kind), r.party.name.casefold()))
    has_owners = any(action.responsible for action in actions)
    return Matrix(columns, rows, has_owners)
