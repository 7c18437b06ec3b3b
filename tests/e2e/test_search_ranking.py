"""The ranking of the search box (overrides/assets/javascripts/plansite-search.js), in
headless Chromium, on entries written for each of its rules: a phrase above scattered
words, themes help but never outrank words, all words above some, an action found by its
owners and audience above the words around it, acronyms and synonyms for their expansions
(the site's own, from plans/registry)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

RANKING_CASES = [
    # (query, entries as {location: fields}, the order they must come in)
    (
        "attendance review",
        {
            "themed": {"title": "Review of budgets", "t": "Behaviour and attendance"},
            "scattered": {"title": "Review the attendance of pupils at medical appointments"},
            "phrase": {"title": "Include attendance review as part of the visit agenda"},
        },
        ["phrase", "scattered", "themed"],
    ),  # a phrase above scattered words; themes help but never outrank words
    (
        "governor training programme",
        {
            "some": {"title": "Governor training"},
            "all": {"title": "A programme of training for every governor"},
        },
        ["all", "some"],
    ),  # all words above some
    (
        "head of governor development",
        {
            "other": {"title": "Develop the work of the head of each school with a governor"},
            "owner": {"title": "Identify good practice", "o": "Head of Governor Development"},
        },
        ["owner", "other"],
    ),  # an action is found by its owners
    (
        "governing bodies",
        {
            "context": {"title": "Publish the guidance", "g": "Governing bodies and their clerks"},
            "audience": {"title": "Publish the guidance", "a": "Governing Bodies in all phases"},
        },
        ["audience", "context"],
    ),  # by its audience, above the heading of its part of the plan
    (
        "sen budgets",
        {
            "words": {"title": "Monitor the budgets for special educational needs"},
            "budget": {"title": "Agree the budgets"},
        },
        ["words", "budget"],
    ),  # an acronym stands for its expansion
    (
        "ks2 maths",
        {
            "expanded": {"title": "Teaching mathematics at Key Stage 2"},
            "maths": {"title": "Maths resources"},
        },
        ["expanded", "maths"],
    ),  # KS2 is Key Stage 2, maths is mathematics
]


@pytest.mark.parametrize(("query", "entries", "order"), RANKING_CASES, ids=[case[0] for case in RANKING_CASES])
def test_the_ranking_keeps_its_rules(page: Page, site_url: str, query, entries, order):
    """The ranking of plansite-search.js on entries written for each rule (the site's own
    acronyms and synonyms are those of plans/registry)."""
    page.goto(site_url)
    page.locator("input[data-md-component=search-query]").focus()
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("Type to start searching"), timeout=15_000)
    ranked = page.evaluate(
        "([entries, query]) => window.plansiteSearch.rank(entries, query)",
        [[{"location": name, "kind": "a", "text": fields} for name, fields in entries.items()], query],
    )
    assert ranked == order
