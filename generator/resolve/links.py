"""References between plans: one syntax, checked at build time, with backlinks.

Part of the resolve stage. A reference is ``plan-id``, ``plan-id#item-id``,
``#item-id`` (in the same plan), the id of an external plan or indicator
declared in the registry, or a registry entry as ``role:id`` (also ``team:``,
``person:``, ``organisation:``, ``audience:``). It can stand in a link's or a
dependency's ``ref`` field, or inline in any Markdown text as ``[[ref]]`` or
``[[ref|words to show]]``. A reference to nothing is an error at its line and
column; every target collects "referenced by" backlinks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.load.reader import Document
from generator.model.fields import RelationKind
from generator.model.plan import Plan
from generator.model.wording import INLINE_REFERENCE as INLINE
from generator.model.wording import plain_text
from generator.problems import Problem
from generator.resolve.parties import Directory, Kind

PARTY_PREFIXES = {kind.value: kind for kind in Kind}


@dataclass(frozen=True)
class Target:
    """Something a reference can point at."""

    key: str
    """The reference in full: ``plan-id``, ``plan-id#item``, ``role:id``, ``external-id``."""
    kind: str
    """plan, group, action, section, indicator, party or external."""
    title: str
    plan: Plan | None = None
    item: Any = None
    anchor: str | None = None


@dataclass(frozen=True)
class Reference:
    """One place a plan points at a target."""

    plan: Plan
    """The plan the reference is written in."""
    source: Any
    """The plan, group, action, section or indicator it is written in."""
    anchor: str | None
    """The source's anchor on its plan page (None for the plan itself)."""
    target: Target
    relation: RelationKind
    text: str


@cache
def markdown_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model the schema calls Markdown."""
    return tuple(name for name, info in model.model_fields.items() if "markdown" in repr(info))


def _sources(plan: Plan) -> Iterator[tuple[str, Any, str | None, tuple[str | int, ...]]]:
    """Everything in a plan a reference can be written in: (kind, item, its anchor, loc)."""
    yield "plan", plan, None, ()
    for kind, item, loc in plan.anchored_items():
        yield kind, item, item.id, loc


def _markdown_texts(item: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    """Markdown texts written directly in ``item`` (and in its risks, consultation, updates,
    reported progress and findings)."""
    for name in markdown_fields(type(item)):  # type: ignore[arg-type]  # model classes are hashable
        value = getattr(item, name)
        if value:
            yield value, loc + (name,)
    for name in ("risks", "updates", "progress", "strengths", "weaknesses"):
        for index, child in enumerate(getattr(item, name, [])):
            yield from _markdown_texts(child, loc + (name, index))
    for name in ("consultation", "findings"):
        child = getattr(item, name, None)
        if child is not None:
            yield from _markdown_texts(child, loc + (name,))


def written_references(plan: Plan) -> Iterator[tuple[Any, str | None, str, RelationKind, str, tuple, int]]:
    """Every reference a plan writes: (source, anchor, ref, relation, text, loc, offset in text)."""
    for _, source, anchor, loc in _sources(plan):
        for index, link in enumerate(getattr(source, "links", [])):
            if link.ref:
                yield source, anchor, link.ref, link.relation, link.text, loc + ("links", index, "ref"), 0
        for text, where in _markdown_texts(source, loc):
            for match in INLINE.finditer(text):
                words = (match.group(2) or "").strip()
                yield source, anchor, match.group(1).strip(), RelationKind.related, words, where, match.start()
    for index, dependency in enumerate(plan.dependencies):
        if dependency.ref:
            yield plan, None, dependency.ref, RelationKind.depends_on, dependency.on, ("dependencies", index, "ref"), 0
    if plan.reports_on:
        yield plan, None, plan.reports_on, RelationKind.monitors, "", ("reports_on",), 0


def plan_targets(plan: Plan, heading) -> dict[str, Target]:
    """The plan and everything with an anchor on its page, keyed by reference."""
    targets = {plan.id: Target(plan.id, "plan", plan.name, plan, plan, None)}
    for kind, item, anchor, _ in _sources(plan):
        if anchor is None:
            continue
        if kind == "group":
            title = heading(item)
        elif kind == "action":
            title = " ".join(filter(None, [item.label, plain_text(item.text)]))
        elif kind == "criterion":
            title = " ".join(filter(None, ["Success criterion", item.label, plain_text(item.text)]))
        elif kind == "section":
            title = item.title
        else:
            title = f"{item.code}: {plain_text(item.description)}"
        targets.setdefault(f"{plan.id}#{anchor}", Target(f"{plan.id}#{anchor}", kind, title, plan, item, anchor))
    return targets


def other_targets(directory: Directory, externals: list[Any]) -> dict[str, Target]:
    """Registry entries (``role:id``...) and external plans or indicators."""
    targets = {party.key: Target(party.key, "party", party.name, item=party) for party in directory.parties.values()}
    for external in externals:
        targets.setdefault(external.id, Target(external.id, "external", external.title, item=external))
    return targets


def find_target(targets: dict[str, Target], plan: Plan, ref: str) -> Target | None:
    """The target a reference written in ``plan`` names, if any."""
    key = f"{plan.id}{ref}" if ref.startswith("#") else ref
    if key in targets:
        return targets[key]
    base, _, _ = key.partition("#")
    target = targets.get(base)
    if target is not None and target.kind == "external":
        return target  # a part of an external plan cannot be checked; the plan can
    return None


def _position(document: Document, loc: tuple, offset: int) -> tuple[int, int]:
    """Line and column of ``offset`` characters into the text at ``loc``.

    Block scalars (``|``, ``>``) start on the line after their key; the
    column is then the block's indentation. Good enough to find the place."""
    line, column = document.locate(loc)
    text = document.data
    for part in loc:
        try:
            text = text[part]
        except (KeyError, IndexError, TypeError):
            return line, column
    if not isinstance(text, str) or not offset:
        return line, column
    raw = document.text.splitlines()[line - 1] if line - 1 < len(document.text.splitlines()) else ""
    before = text[:offset]
    newlines = before.count("\n")
    if raw[column - 1 : column] in ("|", ">"):
        following = document.text.splitlines()[line] if line < len(document.text.splitlines()) else ""
        indent = len(following) - len(following.lstrip())
        return line + 1 + newlines, indent + 1 + len(before.rsplit("\n", 1)[-1])
    if newlines:
        return line + newlines, len(before.rsplit("\n", 1)[-1]) + 1
    quoted = raw[column - 1 : column] in ("'", '"')
    return line, column + offset + (1 if quoted else 0)


def resolve_references(
    plans: list[tuple[Plan, Document]], targets: dict[str, Target]
) -> tuple[list[Reference], dict[str, list[Reference]], list[Problem]]:
    """Check every reference; return them all, the backlinks by target key, and problems."""
    references: list[Reference] = []
    backlinks: dict[str, list[Reference]] = defaultdict(list)
    problems: list[Problem] = []
    for plan, document in plans:
        for source, anchor, ref, relation, text, loc, offset in written_references(plan):
            target = find_target(targets, plan, ref)
            if target is None:
                line, column = _position(document, loc, offset)
                hint = (
                    "known kinds are role:, team:, person:, organisation: and audience:"
                    if ":" in ref
                    else "use plan-id, plan-id#item-id or #item-id; declare a plan published elsewhere "
                    "in the registry's `external:` list"
                )
                problems.append(
                    Problem(
                        document.display, line, column, f"reference '{ref}' points at nothing known to this site", hint
                    )
                )
                continue
            reference = Reference(plan, source, anchor, target, relation, text or target.title)
            references.append(reference)
            backlinks[target.key].append(reference)
    return references, backlinks, problems
