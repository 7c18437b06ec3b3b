"""Search records: one entry per action, for Material's search index and for Pagefind."""

from __future__ import annotations

import html
from collections.abc import Iterator

from generator.model.wording import group_heading, plain_text
from generator.render.filters import Abbreviator, _acronym_map
from generator.resolve.catalogue import Catalogue
from generator.site_map import page_url, plan_page


def search_entries(catalogue: Catalogue, directory_urls: bool = True, on_page: bool = False) -> list[dict[str, str]]:
    """Every action's entry (``search_records``), as a list."""
    return list(search_records(catalogue, directory_urls, on_page))


def search_records(
    catalogue: Catalogue, directory_urls: bool = True, on_page: bool = False
) -> Iterator[dict[str, str]]:
    """One search-index entry per action and per success criterion, pointing at its anchor: its label, words, group,
    plan, owners and audience, with the expansions of the abbreviations it uses, so
    "5.3", "Head of School Improvement" or "special educational needs" all find it.

    ``on_page``: for an index that sees each entry inside its plan page (Pagefind), which
    finds a page by all of a query's words and shows the sections holding them: an entry
    leaves out the words its page already has once (the plan's title and themes, the
    group's heading and themes), rather than repeat them for every action."""
    acronyms = _acronym_map(catalogue.registry.acronyms)
    pattern = Abbreviator(acronyms).pattern
    theme_names = {theme.id: theme.name for theme in catalogue.registry.themes}
    for plan in catalogue.plans:
        page = page_url(plan_page(plan.id), directory_urls)
        for group, _ in plan.walk_groups():
            for action in group.actions:
                title = " ".join(filter(None, [action.label, plain_text(action.text)]))
                names = [m.text for m in action.responsible + action.partners + action.audience]
                words = [title, *names] if on_page else [title, group_heading(group), plan.title, *names]
                if action.timescale:
                    words.append(action.timescale.text)
                themes = action.themes if on_page else [*plan.themes, *group.themes, *action.themes]
                words += [theme_names[t] for t in themes if t in theme_names]
                text = " ".join(words)
                used = sorted({m.group(1) for m in pattern.finditer(text)}) if pattern else []
                expansions = [f"{term}: {acronyms[term]}" for term in used]
                yield _record(f"{page}#{action.id}", title, words, expansions, on_page)
        for group, criterion in plan.criteria():  # success criteria: entries of their own, not actions
            title = " ".join(filter(None, ["Success criterion", criterion.label, plain_text(criterion.text)]))
            where = [group_heading(group)] if group is not None else []
            words = [title] if on_page else [title, *where, plan.title]
            if criterion.timescale:
                words.append(criterion.timescale.text)
            used = sorted({m.group(1) for m in pattern.finditer(" ".join(words))}) if pattern else []
            expansions = [f"{term}: {acronyms[term]}" for term in used]
            yield _record(f"{page}#{criterion.id}", title, words, expansions, on_page)


def _record(location: str, title: str, words: list[str], expansions: list[str], on_page: bool) -> dict[str, str]:
    return {
        "location": location,
        "title": html.escape(title if len(title) <= 120 else title[:119].rstrip() + "…", quote=False),
        # On its page the entry's title is its heading, so its text goes on from
        # there (but for a title cut short, whose words must all be found).
        "text": html.escape(
            " · ".join((words[1:] if on_page and len(title) <= 120 else words) + expansions), quote=False
        ),
    }
