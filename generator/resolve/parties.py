"""Who: registry entries, names as printed resolved to them, and who takes part in what.

Part of the resolve stage. Every name a plan prints (responsible, partners,
audience, monitoring, leads...) is looked up in the registry by name and
aliases, preferring entries of the plan's own organisation; the result is a
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
from generator.model.wording import group_heading, plain_text
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


def mention_sites(plan: Plan) -> Iterator[tuple[Mention, Part, Action | None, Group | None, Loc]]:
    """Every name a plan prints, with how it takes part and where."""
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
    parties = {}
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
            directory.involvements[party.key].append(Involvement(party, part, plan, mention.text, action, group))
    for involvements in directory.involvements.values():
        for involvement in involvements:
            directory.by_plan.setdefault(involvement.plan.id, []).append(involvement)
    return directory, problems


# --- names in a plan's text --------------------------------------------------------

CONTEXT = 70
"""Characters of text shown on each side of a name found in a plan's text."""


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


def _action_place(action: Action, group: Group | None) -> str:
    """ "action 3c) of Activity 5.1", "an action of Strategic priority: Integrated Services"."""
    where = f" of {_short(group_heading(group))}" if group is not None else ""
    return f"action {action.label}{where}" if action.label else f"an action{where}"


def _short(words: str, most: int = 60) -> str:
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


TextAt = tuple[str | None, str, str, str | None, Action | None]
"""(anchor, place, field, Markdown or plain text, the action it is in)."""


def _action_texts(action: Action, group: Group) -> Iterator[TextAt]:
    place = _action_place(action, group)
    yield action.id, place, "wording", action.text, action
    for name, value in (
        ("monitoring", action.monitoring.text if action.monitoring else None),
        ("success measures", action.success_measures),
        ("commentary", action.commentary),
        ("status", action.status.text if action.status else None),
        ("budget", action.budget.text if action.budget else None),
    ):
        yield action.id, place, name, value, action
    for milestone in action.milestones:
        yield action.id, place, "milestone", milestone.text, action
    for update in action.updates:
        yield action.id, place, "progress update", update.text, action


def plan_texts(plan: Plan) -> Iterator[TextAt]:
    """Every text of a plan a reader may find a name in, with where it is shown."""
    yield None, "the plan's title", "subtitle", plan.subtitle, None
    yield None, "the plan's introduction", "summary", plan.summary, None
    yield None, "the plan's status", "status", plan.status_text, None
    if plan.consultation:
        yield "consultation", "the consultation", "consultation", plan.consultation.text, None
        yield "consultation", "the consultation", "how to respond", plan.consultation.feedback, None
    for fact in plan.facts:
        yield "overview", "about this plan", fact.label, fact.value, None
    for milestone in plan.milestones:
        yield "milestones", "the plan's milestones", "milestone", milestone.text, None
    for indicator in plan.indicators:
        for name in ("description", "purpose"):
            yield indicator.id, f"indicator {indicator.code}", name, getattr(indicator, name), None
    for risk in plan.risks:
        yield "risks", "the plan's risks", "risk", risk.description, None
        yield "risks", "the plan's risks", "how a risk is managed", risk.how_managed, None
    for dependency in plan.dependencies:
        yield "dependencies", "the plan's dependencies", "dependency", dependency.arrangement, None
    for section, _ in plan.walk_sections():
        yield section.id, f"section “{section.title}”", "heading", section.title, None
        yield section.id, f"section “{section.title}”", "text", section.body, None
    for group, _ in plan.walk_groups():
        place = group_heading(group)
        for name, value in (
            ("heading", group.title),
            ("wording", group.text),
            ("success criteria", group.success_criteria),
            ("evaluation", group.evaluation),
        ):
            yield group.id, place, name, value, None
        for fact in group.facts:
            yield group.id, place, fact.label, fact.value, None
        for action in group.actions:
            yield from _action_texts(action, group)
    for mention, _, action, group, loc in mention_sites(plan):
        if action is not None:
            yield action.id, _action_place(action, group), "names", mention.text, action
        elif loc[0] == "indicators":
            indicator = plan.indicators[loc[1]]
            yield indicator.id, f"indicator {indicator.code}", "names", mention.text, None
        elif loc[0] == "dependencies":
            yield "dependencies", "the plan's dependencies", "names", mention.text, None
        else:
            yield None, "the plan's introduction", "names", mention.text, None


def _trie_pattern(names: list[str]) -> str:
    """One regular expression matching any of ``names`` (a trie of them: a large registry's
    names are thousands of alternatives, tried a character at a time instead of each in turn)."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)


def _acronym(name: str) -> bool:
    """A name matched with its case as written ("SIO", "EWOs"): no small letters but a plural s."""
    return not any(char.islower() for char in name.removesuffix("s"))


class NameFinder:
    """Finds registry names and aliases in text: whole words, an "s" or "'s" allowed after
    them; acronyms in their own case, other names in any case."""

    def __init__(self, parties: list[Party]):
        self.by_name: dict[str, list[Party]] = defaultdict(list)
        exact, anycase = set(), set()
        for party in parties:
            for name in [party.name, *party.entry.aliases]:
                key = name_key(name)
                if len(key) < 3:
                    continue
                if party not in self.by_name[key]:
                    self.by_name[key].append(party)
                written = " ".join(_DASHES.sub("-", name).split()).rstrip(".,;: ")
                if _acronym(written):
                    exact.add(written)
                else:
                    anycase.add(written.lower())
        self.patterns = [
            re.compile(rf"(?<![\w&/-])({_trie_pattern(sorted(names))})(?:'s|s)?(?![\w-])", flags)
            for names, flags in ((exact, 0), (anycase, re.IGNORECASE))
            if names
        ]

    def find(self, text: str) -> Iterator[tuple[int, int, list[Party]]]:
        """(start, end, the parties it may be) for each name in ``text`` (plain text). A name
        inside a longer one counts when it is another kind of entry ("Reg Moore, Worcestershire
        Children's services" names a person and an organisation), not when it is the same
        kind ("senior and middle managers" is one audience, not also "middle managers")."""
        line = _DASHES.sub("-", text)
        found: dict[tuple[int, int], list[Party]] = {}
        for pattern in self.patterns:
            for match in pattern.finditer(line):
                self._add(found, match)
                start, end = match.span(1)
                for inner in self.patterns:  # names inside this one: one it starts with, then the rest
                    if (within := inner.match(line, start, end - 1)) is not None:
                        self._add(found, within)
                    position = start + 1
                    while (within := inner.search(line, position, end)) is not None:
                        self._add(found, within)
                        position = within.start(1) + 1
        spans = sorted(found, key=lambda span: (span[0], -span[1]))
        for start, end in spans:
            kinds = {party.kind for party in found[(start, end)]}
            outer = [
                found[span] for span in spans if span[0] <= start and end <= span[1] and span != (start, end)
            ]
            if not any(kinds & {party.kind for party in parties} for parties in outer):
                yield start, end, found[(start, end)]

    def _add(self, found: dict[tuple[int, int], list[Party]], match: re.Match[str]) -> None:
        parties = self.by_name.get(name_key(match.group(1)))
        if parties:
            found.setdefault((match.start(1), match.end(1)), parties)


def _context(text: str, start: int, end: int) -> tuple[str, str, str]:
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    if start > CONTEXT:
        before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
    if end + CONTEXT < len(text):
        after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
    return before, text[start:end], after


def find_text_mentions(directory: Directory, plans: list[Plan], registry: Registry, references: list[Any]) -> None:
    """Fill ``directory.mentioned`` (names and aliases in each plan's text, and inline
    references to registry entries) and ``directory.publishes``. A name counts once per item
    of a plan, in the plan's own organisation or in none (a role of another council with the
    same title is not meant), and not where the item already names the party in a names field."""
    organisations = {o.id: o for o in registry.organisations}
    finder = NameFinder(list(directory.parties.values()))
    for plan in plans:
        directory.publishes.setdefault(f"organisation:{plan.organisation}", []).append(plan)
    found: dict[tuple[str, str, str | None], TextMention] = {}
    named = {(i.party.key, id(i.action)) for i in _all(directory.involvements) if i.action is not None}
    for plan in plans:
        for anchor, place, field_name, value, action in plan_texts(plan):
            text = plain_text(value)
            if not text:
                continue
            for start, end, candidates in finder.find(text):
                nearest = _nearest(candidates, plan, Part.partner, organisations)
                if not nearest or not _in_scope(nearest[0], text[start:end], plan, directory.publishes, organisations):
                    continue
                party = nearest[0]
                already = action is not None and (party.key, id(action)) in named
                if already or (field_name == "names" and end - start == len(text)):  # the name itself
                    continue
                key = (party.key, plan.id, anchor)
                if key not in found:
                    found[key] = TextMention(party, plan, anchor, place, field_name, _context(text, start, end), action)
    for reference in references:
        target = reference.target
        if target.kind == "party":
            key = (target.item.key, reference.plan.id, reference.anchor)
            if key not in found:
                words = ("", reference.text or target.title, "")
                place = _place_of(reference)
                found[key] = TextMention(target.item, reference.plan, reference.anchor, place, "reference", words)
    order = {plan.id: index for index, plan in enumerate(plans)}
    for mention in sorted(found.values(), key=lambda m: order[m.plan.id]):
        directory.mentioned.setdefault(mention.party.key, []).append(mention)


def _place_of(reference: Any) -> str:
    source = reference.source
    if isinstance(source, Group):
        return group_heading(source)
    if isinstance(source, Action):
        return _action_place(source, None)
    if reference.anchor is None:
        return "the plan's introduction"
    return getattr(source, "title", None) or getattr(source, "code", "") or reference.anchor


def _in_scope(party: Party, printed: str, plan: Plan, publishers: dict[str, list[Plan]], organisations: dict) -> bool:
    """Whether a name found in ``plan``'s text may mean ``party``: an organisation other than
    the plan's own (which publishes it: that is said already); an entry of the plan's own
    organisation; one of no organisation, unless by a one-word alias ("Personnel"); or, by
    its name, one of an organisation that publishes no plan here (a national body's
    advisers). A role of another council with the same title is not meant."""
    if party.kind is Kind.organisation:
        own = plan.organisation, getattr(organisations.get(plan.organisation), "part_of", None)
        return party.id not in own
    rank = _scope_rank(party, plan, organisations)
    by_name = name_key(printed) == name_key(party.name)
    if rank == 0 or by_name and not publishers.get(f"organisation:{party.organisation}"):
        return True
    return rank == 1 and (" " in printed.strip() or _acronym(printed))


def _all(involvements: dict[str, list[Involvement]]) -> Iterator[Involvement]:
    for items in involvements.values():
        yield from items


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


def _labelled(label: str, words: str) -> str:
    return f"{label} {words}".strip()


def responsibility_matrix(plan: Plan, directory: Directory, heading) -> Matrix:
    """Parties × the plan's groups (or actions, for a small plan): who takes part how.

    ``heading`` names a group in full (the render stage's words)."""
    actions = plan.actions()
    if len(actions) <= MAX_ACTION_COLUMNS:
        columns = [
            MatrixColumn(
                a.id,
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
                _labelled(group.label or "", short_words(group.title, 48) if group.title else short_words(group.text or ""))
                or heading(group),
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
