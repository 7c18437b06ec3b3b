"""No dead ends: the registry's names and aliases found in a plan's text.

Part of the resolve stage, after the names fields are resolved (``generator/resolve/parties.py``)
and the references checked: every text of a plan a reader may find a name in (an action's
wording, its monitoring, a group's criteria and evaluation, the narrative, a whole plan's
names as printed) is searched for the registry's names and aliases, and each find becomes a
``TextMention`` with the words around it. A party's page lists them; a registry entry that no
plan names, in a names field or in its text, gets no page.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from generator.model.plan import Action, Group, Plan
from generator.model.registry import Registry
from generator.model.wording import group_heading, plain_text
from generator.resolve.parties import (
    _DASHES,
    Directory,
    Involvement,
    Kind,
    Part,
    Party,
    TextMention,
    _nearest,
    _scope_rank,
    mention_sites,
    name_key,
)

CONTEXT = 70
"""Characters of text shown on each side of a name found in a plan's text."""


def _action_place(action: Action, group: Group | None) -> str:
    """ "action 3c) of Activity 5.1", "an action of Strategic priority: Integrated Services"."""
    where = f" of {_short(group_heading(group))}" if group is not None else ""
    return f"action {action.label}{where}" if action.label else f"an action{where}"


def _short(words: str, most: int = 60) -> str:
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


TextAt = tuple[str | None, Any, str, str | None, Action | None]
"""(anchor, place (words, or what makes them), field, Markdown or plain text, the action it is in)."""


def _action_texts(action: Action, group: Group) -> Iterator[TextAt]:
    place = functools.partial(_action_place, action, group)  # worked out only for a text that names someone
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
    yield from _assessment_texts("criteria", "the plan's success criteria", plan)
    for section, _ in plan.walk_sections():
        yield section.id, f"section “{section.title}”", "heading", section.title, None
        yield section.id, f"section “{section.title}”", "text", section.body, None
    for group, _ in plan.walk_groups():
        place = functools.partial(group_heading, group)
        for name, value in (("heading", group.title), ("wording", group.text)):
            yield group.id, place, name, value, None
        yield from _assessment_texts(group.id, place, group)
        for fact in group.facts:
            yield group.id, place, fact.label, fact.value, None
        for action in group.actions:
            yield from _action_texts(action, group)
    for mention, _, action, group, loc in mention_sites(plan):
        if action is not None:
            yield action.id, functools.partial(_action_place, action, group), "names", mention.text, action
        elif group is not None:
            yield group.id, functools.partial(group_heading, group), "names", mention.text, None
        elif loc[0] == "indicators":
            indicator = plan.indicators[int(loc[1])]
            yield indicator.id, f"indicator {indicator.code}", "names", mention.text, None
        elif loc[0] == "dependencies":
            yield "dependencies", "the plan's dependencies", "names", mention.text, None
        else:
            yield None, "the plan's introduction", "names", mention.text, None


def _assessment_texts(anchor: str | None, place: Any, owner: Any) -> Iterator[TextAt]:
    """The texts of a plan's or a group's success criteria, evaluation, monitoring, findings
    and reported progress (issue 18's fields; a plan has only criteria and progress)."""
    for criterion in owner.success_criteria:
        yield criterion.id or anchor, place, "success criteria", criterion.text, None
    for arrangement in getattr(owner, "evaluation", []):
        yield anchor, place, "evaluation", arrangement.text, None
    for arrangement in getattr(owner, "monitoring", []):
        yield anchor, place, "monitoring", arrangement.text, None
    findings = getattr(owner, "findings", None)
    if findings:
        yield anchor, place, "findings", findings.summary, None
        for finding in findings.strengths + findings.weaknesses:
            yield anchor, place, "findings", finding.text, None
    for entry in owner.progress:
        for name in ("text", "commentary", "evidence"):
            yield anchor, place, "progress", getattr(entry, name), None


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
        # (pattern, whether it reads the text in small letters): matching lower-cased text is
        # twice as fast as re.IGNORECASE over a large registry's names.
        self.patterns = [
            (re.compile(rf"(?<![\w&/-])({_trie_pattern(sorted(names))})(?:'s|s)?(?![\w-])"), lowered)
            for names, lowered in ((exact, False), (anycase, True))
            if names
        ]

    def find(self, text: str) -> Iterator[tuple[int, int, list[Party]]]:
        """(start, end, the parties it may be) for each name in ``text`` (plain text). A name
        inside a longer one counts when it is another kind of entry ("Reg Moore, Worcestershire
        Children's services" names a person and an organisation), not when it is the same
        kind ("senior and middle managers" is one audience, not also "middle managers")."""
        line = _DASHES.sub("-", text)
        small = _small(line)
        found: dict[tuple[int, int], list[Party]] = {}
        for pattern, lowered in self.patterns:
            for match in pattern.finditer(small if lowered else line):
                start, end = match.span(1)
                parties = self.by_name.get(name_key(match.group(1)))
                if parties:
                    found.setdefault((start, end), parties)
                if " " in match.group(1):  # a one-word name holds no other whole word
                    for inner_start, inner_end, inner in self._inside(line[start:end]):
                        found.setdefault((start + inner_start, start + inner_end), inner)
        if len(found) < 2:
            yield from ((start, end, parties) for (start, end), parties in found.items())
            return
        spans = sorted(found, key=lambda span: (span[0], -span[1]))
        for start, end in spans:
            kinds = {party.kind for party in found[(start, end)]}
            outer = [found[s] for s in spans if s[0] <= start and end <= s[1] and s != (start, end)]
            if not any(kinds & {party.kind for party in parties} for parties in outer):
                yield start, end, found[(start, end)]

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one finder per build, names repeat
    def _inside(self, name: str) -> tuple[tuple[int, int, list[Party]], ...]:
        """The names inside a name (where each starts and ends in it)."""
        inside: dict[tuple[int, int], list[Party]] = {}
        for pattern, lowered in self.patterns:
            subject = _small(name) if lowered else name
            candidates = [pattern.match(subject, 0, len(subject) - 1)]  # one it starts with
            position = 1
            while (within := pattern.search(subject, position)) is not None:  # then the rest
                candidates.append(within)
                position = within.start(1) + 1
            for match in filter(None, candidates):
                parties = self.by_name.get(name_key(match.group(1)))
                if parties:
                    inside.setdefault(match.span(1), parties)
        return tuple((start, end, parties) for (start, end), parties in inside.items())


def _small(text: str) -> str:
    """``text`` in small letters, character for character (where lower-casing would change
    its length, as for "İ", the letters that would are left as they are)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


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
    finder = directory.finder = directory.finder or NameFinder(list(directory.parties.values()))
    for plan in plans:
        directory.publishes.setdefault(f"organisation:{plan.organisation}", []).append(plan)
    found: dict[tuple[str, str, str | None], TextMention] = {}
    named = {(i.party.key, id(i.action)) for i in _all(directory.involvements) if i.action is not None}
    # a group's lead, partners or monitoring name the party for the group's own texts
    named_on = {(i.party.key, i.plan.id, i.group.id) for i in _all(directory.involvements) if i.group is not None}
    meant: dict[tuple[str, str, bool], Party | None] = {}  # names repeat across thousands of texts

    def party_for(printed: str, candidates: list[Party], plan: Plan) -> Party | None:
        choice = (name_key(printed), plan.organisation, _acronym(printed) or " " in printed.strip())
        if choice not in meant:
            nearest = _nearest(candidates, plan, Part.partner, organisations)
            scoped = nearest and _in_scope(nearest[0], printed, plan, directory.publishes, organisations)
            meant[choice] = nearest[0] if scoped else None
        return meant[choice]

    for plan in plans:
        for anchor, place, field_name, value, action in plan_texts(plan):
            text = plain_text(value)
            if not text:
                continue
            for start, end, candidates in finder.find(text):
                party = party_for(text[start:end], candidates, plan)
                if party is None:
                    continue
                already = (
                    (party.key, id(action)) in named if action is not None else (party.key, plan.id, anchor) in named_on
                )
                if already or (field_name == "names" and end - start == len(text)):  # the name itself
                    continue
                key = (party.key, plan.id, anchor)
                if key not in found:
                    words = place() if callable(place) else place
                    found[key] = TextMention(party, plan, anchor, words, field_name, _context(text, start, end), action)
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
        directory.mentioned_in.setdefault(mention.plan.id, set()).add(mention.party.key)


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
