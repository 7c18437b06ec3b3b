"""A catalogue with a few plans read again, resolved against the rest as it was: the
preview's first answer to a save (generator/preview.py).

``build_catalogue`` resolves every plan against every other; at 1,000 plans that is most
of a rebuild. An editor who saves one plan looks at that plan's page, and what the page
shows comes from the plan itself and from what the rest of the site says about it (the
references into it, the names it uses, the reports on it), which the last catalogue holds
already. ``patched_catalogue`` reads the changed plans again against that catalogue, so
their pages can be rendered in a fraction of the time; the preview then builds the whole
site as a build does, and writes every page that differs (the patched pages included, if a
change elsewhere shows on them).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from generator.load.folder import LoadedPlan
from generator.model.wording import group_heading
from generator.problems import Problem
from generator.resolve.catalogue import Catalogue, check_plan, plan_timing
from generator.resolve.links import Reference, plan_targets, resolve_references
from generator.resolve.mentions import find_text_mentions
from generator.resolve.parties import Directory, build_directory


def patchable(old: Catalogue, changed: list[LoadedPlan]) -> bool:
    """Whether ``changed`` can be read again against ``old``: plans it holds, none of them a
    monitoring report (whose progress shows on another plan's page)."""
    known = {plan.id for plan in old.plans}
    return all(
        loaded.plan.id in known and not loaded.plan.reports_on and not old.plan(loaded.plan.id).reports_on
        for loaded in changed
    )


def patched_catalogue(
    old: Catalogue, changed: list[LoadedPlan], registry_complete: bool = True
) -> tuple[Catalogue, list[Problem]]:
    """``old`` with the plans of ``changed`` (each of an id ``old`` holds, see ``patchable``)
    in place of its own, resolved against the others as ``old`` resolved them, and the
    problems found in the changed plans."""
    ids = {loaded.plan.id for loaded in changed}
    pairs = [(loaded.plan, loaded.document) for loaded in changed]
    fresh = {loaded.plan.id: loaded.plan for loaded in changed}
    catalogue = dataclasses.replace(
        old,
        plans=[fresh.get(plan.id, plan) for plan in old.plans],
        whens=dict(old.whens),
        schedule=dict(old.schedule),
        _by_id={},
    )
    problems: list[Problem] = []
    organisations = {organisation.id for organisation in old.registry.organisations}
    themes = {theme.id for theme in old.registry.themes}
    for loaded in changed:
        catalogue.whens[loaded.plan.id], catalogue.schedule[loaded.plan.id] = plan_timing(loaded.plan, old.calendar)
        problems += check_plan(loaded, organisations if registry_complete else None, themes)

    own, found = build_directory(old.registry, pairs, check_refs=registry_complete)
    problems += found
    catalogue.targets = dict(old.targets)
    for plan_id in ids:
        for key in plan_targets(old.plan(plan_id), group_heading):
            del catalogue.targets[key]
    for plan in fresh.values():
        catalogue.targets.update(plan_targets(plan, group_heading))
    references, backlinks, found = resolve_references(pairs, catalogue.targets)
    problems += found
    catalogue.references = [r for r in old.references if r.plan.id not in ids] + references
    catalogue.backlinks = _backlinks(old, ids, backlinks, catalogue.targets)
    catalogue.directory = _directory(old, ids, own, list(fresh.values()), references)
    return catalogue, problems


def _backlinks(
    old: Catalogue, ids: set[str], own: dict[str, list[Reference]], targets: dict
) -> dict[str, list[Reference]]:
    """The references to each target: the other plans' (pointed again at the changed plans'
    items as they are now, when they still are), then the changed plans' own."""
    found: dict[str, list[Reference]] = defaultdict(list)  # as ``resolve_references`` gives them
    for key, references in old.backlinks.items():
        kept = [r for r in references if r.plan.id not in ids]
        if key.partition("#")[0] in ids and key in targets:
            kept = [dataclasses.replace(r, target=targets[key]) for r in kept]
        if kept:
            found[key] = kept
    for key, references in own.items():
        found.setdefault(key, []).extend(references)
    return found


def _directory(old: Catalogue, ids: set[str], own: Directory, plans: list, references: list[Reference]) -> Directory:
    """The party directory with the changed plans' mentions in place of their old ones."""
    before = old.directory
    directory = Directory(
        parties=before.parties,
        resolved={**before.resolved, **own.resolved},
        involvements=before.involvements.copy(),  # the lists that name a changed plan are made anew
        by_plan={plan_id: found for plan_id, found in before.by_plan.items() if plan_id not in ids},
        mentioned=dict(before.mentioned),
        mentioned_in={plan_id: keys for plan_id, keys in before.mentioned_in.items() if plan_id not in ids},
        publishes={key: [p for p in found if p.id not in ids] for key, found in before.publishes.items()},
        finder=before.finder,
    )
    named = {i.party.key for plan_id in ids for i in before.by_plan.get(plan_id, [])}
    for key in named:
        directory.involvements[key] = [i for i in before.involvements[key] if i.plan.id not in ids]
    for key, found in own.involvements.items():
        directory.involvements[key] = directory.involvements.get(key, []) + found
    directory.by_plan.update(own.by_plan)
    # The changed plans' names in their text, found as a whole build finds them (it adds the
    # plans to what their organisations publish), then the other plans' as they were.
    texts = Directory(
        parties=before.parties, involvements=own.involvements, publishes=directory.publishes, finder=before.finder
    )
    find_text_mentions(texts, plans, old.registry, references)
    for key in {key for plan_id in ids for key in before.mentioned_in.get(plan_id, ())}:
        directory.mentioned[key] = [m for m in before.mentioned[key] if m.plan.id not in ids]
    for key, mentions in texts.mentioned.items():
        directory.mentioned[key] = directory.mentioned.get(key, []) + mentions
    directory.mentioned_in.update(texts.mentioned_in)
    return directory
