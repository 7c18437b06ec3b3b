"""Search records: the terms a query is expanded with, and an entry per plan page, group,
action and success criterion, for Material's search index and for Pagefind."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from generator.model.plan import Action, Group
from generator.model.wording import group_heading, plain_text
from generator.render.filters import Abbreviator, _acronym_map
from generator.resolve.catalogue import Catalogue
from generator.site_map import page_url, plan_page


def search_entries(catalogue: Catalogue, directory_urls: bool = True, on_page: bool = False) -> list[dict[str, str]]:
    """Every search entry (``search_records``), as a list."""
    return list(search_records(catalogue, directory_urls, on_page))


SEARCH_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("maths", "mathematics", "math"),
    ("heads", "headteachers", "head teachers"),
    ("headteacher", "head teacher"),
    ("special needs", "special educational needs"),
    ("exclusion", "exclusions", "excluded", "exclude"),
    ("website", "web site"),
)
"""Words readers type for the plans' words, beside the registry's acronyms: each group's
phrases find one another (the search box's script, overrides/assets/javascripts/
plansite-search.js, expands a query with them; the registry's acronyms work the same way,
and an acronym followed by a number, "KS2", reads as its expansion and the number)."""

SEARCH_TERMS = "terms"
"""The kind (``k``) of the first search entry: the acronyms and synonyms the search box
expands a query with (they travel with the entries to the index, search_index.json or
Pagefind's folder)."""


def search_records(
    catalogue: Catalogue, directory_urls: bool = True, on_page: bool = False
) -> Iterator[dict[str, Any]]:
    """The search entries plansite adds to a site's index: first the terms a query is
    expanded with (``k: "terms"``); then, for each plan, an entry for its page (``k: "p"``:
    its title, subtitle, summary, organisation and themes, in place of the page's header,
    whose labels and dates are not words anyone searches for) and one per action
    (``k: "a"``), pointing at its anchor.

    An action's entry keeps its words apart by what they are, so that a search can rank
    an action by its own words above the words around it: ``title`` (label and words, in
    full), ``text`` (its success measures, milestones and timescale), ``o`` (who is
    responsible and the partners), ``a`` (who it is for), ``x`` (what the abbreviations it
    uses stand for, so "special educational needs" finds "SEN"), ``t`` (its themes) and
    ``g`` (its group's heading). Fields with nothing in them are left out. Words are
    HTML-escaped (Material's search shows them as HTML).

    ``on_page``: for an index that sees each entry inside its plan page (Pagefind): an
    action leaves out the words its page already holds once (the plan's and group's themes,
    and its group's heading, named instead by the group's anchor, ``gid``), and its groups
    have no entries of their own (its page's sections are indexed as they are). Otherwise each
    group has an entry (``k: "s"``: its heading, words, facts, success criteria and
    evaluation, and themes), in place of the one Material makes of its section, which holds
    the words of its actions' table too."""
    words = _Words(catalogue)
    yield {
        "location": "",
        "k": SEARCH_TERMS,
        "acronyms": {term: words.acronyms[term] for term in sorted(words.acronyms)},
        "synonyms": [list(group) for group in SEARCH_SYNONYMS],
    }
    for plan in catalogue.plans:
        page = page_url(plan_page(plan.id), directory_urls)
        themes = words.themes(plan.themes)
        yield {
            "location": page,
            "k": "p",
            "title": html.escape(plan.title, quote=False),
            "text": _field(plan.subtitle or "", plain_text(plan.summary)),
            "org": html.escape(catalogue.organisation_name(plan.organisation), quote=False),
            **({"t": themes} if themes else {}),
        }
        for group, _ in plan.walk_groups():
            if not on_page:  # Material's own entry for a group's section holds its actions' table too
                yield _group_entry(page, group, words)
            for action in group.actions:
                yield _action_entry(page, group, action, words, on_page)
        for _, criterion in plan.criteria():  # success criteria: found like actions, by their own words
            title = " ".join(filter(None, ["Success criterion", criterion.label, plain_text(criterion.text)]))
            when = criterion.timescale.text if criterion.timescale else ""
            yield _entry(
                location=f"{page}#{criterion.id}", k="a", title=html.escape(title, quote=False), text=_field(when)
            )


class _Words:
    """What an entry's words are looked up in: the registry's acronyms and theme names."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.acronyms = _acronym_map(catalogue.registry.acronyms)
        self.pattern = Abbreviator(self.acronyms).pattern
        self.theme_names = {theme.id: theme.name for theme in catalogue.registry.themes}

    def themes(self, ids: list[str]) -> str:
        return _field(*(self.theme_names.get(t, "") for t in ids))

    def expansions(self, text: str) -> str:
        """What the abbreviations ``text`` uses stand for ("SEN: special educational needs")."""
        used = sorted({m.group(1) for m in self.pattern.finditer(text)}) if self.pattern else []
        return _field(*(f"{term}: {self.acronyms[term]}" for term in used))


def _field(*parts: str) -> str:
    """Words for an entry's field: once each, joined, HTML-escaped (Material shows them as HTML)."""
    return html.escape(" · ".join(dict.fromkeys(p for p in parts if p)), quote=False)


def _entry(**fields: str) -> dict[str, Any]:
    """An entry without its empty fields (but its location and title)."""
    return {key: value for key, value in fields.items() if value or key in ("location", "title")}


def _group_entry(page: str, group: Group, words: _Words) -> dict[str, Any]:
    facts = [" ".join(filter(None, [f.label, f.value, f.detail])) for f in group.facts]
    said = [
        plain_text(group.text),
        *facts,
        *(plain_text(c.text) for c in group.success_criteria),
        *(plain_text(e.text) for e in group.evaluation),
    ]
    return _entry(
        location=f"{page}#{group.id}",
        k="s",
        title=html.escape(group_heading(group), quote=False),
        text=_field(*said),
        t=words.themes(group.themes),
    )


def _action_entry(page: str, group: Group, action: Action, words: _Words, on_page: bool) -> dict[str, Any]:
    title = " ".join(filter(None, [action.label, plain_text(action.text)]))
    more = [plain_text(action.success_measures), *(plain_text(m.text) for m in action.milestones)]
    if action.timescale:
        more.append(action.timescale.text)
    owners = [m.text for m in action.responsible + action.partners]
    audience = [m.text for m in action.audience]
    themes = action.themes if on_page else [*group.themes, *action.themes]
    return _entry(
        location=f"{page}#{action.id}",
        k="a",
        title=html.escape(title, quote=False),
        text=_field(*more),
        o=_field(*owners),
        a=_field(*audience),
        x=words.expansions(" ".join([title, *more, *owners, *audience])),
        t=words.themes(themes),
        g="" if on_page else html.escape(group_heading(group), quote=False),
        gid=(group.id or "") if on_page else "",
    )
