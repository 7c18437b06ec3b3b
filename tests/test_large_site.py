"""A large site (more plans than ``large_site``): no page lists every action on the site, and
nothing is lost — each summary counts exactly what the small site's full listing shows, and
links to where every item still is.

The five real plans are rendered both ways (``large_site=2`` makes them a "large" site) with a
build date inside their span, so What's on has both past and coming terms."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import load_and_resolve
from generator.render.settings import Settings
from generator.render.site import render_site
from generator.resolve.parties import Kind
from generator.site_map import (
    EXPLORER_DATA,
    EXPLORER_PAGE,
    RELATIONS_PAGE,
    WHATS_ON_PAGE,
    party_page,
    whats_on_term_page,
)

from .helpers import PLANS

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop

BUILD_DATE = dt.date(2004, 4, 15)


@pytest.fixture(scope="module")
def both():
    catalogue, _ = load_and_resolve(PLANS)
    small = render_site(catalogue, BUILD_DATE)
    large = render_site(catalogue, BUILD_DATE, settings=Settings(large_site=2))
    return catalogue, small, large


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "html.parser")


def sections(markdown: str) -> dict[str, BeautifulSoup]:
    """A generated page's ``## Heading {#anchor}`` sections by anchor, each parsed as HTML."""
    found = {}
    for chunk in re.split(r"^## ", markdown, flags=re.M)[1:]:
        anchor = re.match(r".*\{#([^}]+)\}", chunk.splitlines()[0])
        if anchor:
            found[anchor.group(1)] = soup(chunk)
    return found


def explorer_filters(href: str) -> dict[str, str]:
    assert urlsplit(href).path.endswith("explorer/")
    return {name: values[0] for name, values in parse_qs(urlsplit(href).query).items()}


def busiest(catalogue, kind: Kind):
    directory = catalogue.directory
    return max(
        (p for p in directory.everyone() if p.kind is kind),
        key=lambda p: (len(directory.involvements.get(p.key, [])), p.key),
    )


def test_an_audience_page_counts_each_terms_actions_and_links_to_them(both):
    """An audience's actions are listed by term; a large site counts each term's and links to
    them in the explorer (by audience and term) instead of listing every one."""
    catalogue, small, large = both
    party = busiest(catalogue, Kind.audience)
    page = party_page(party)
    small_terms = {s["id"]: len(s.select("tbody tr")) for s in soup(small[page]).select("section.ps-term")}
    rows = sections(large[page])["audience"].select("table.ps-term-index tbody tr")
    assert small_terms and soup(large[page]).select("section.ps-term") == []
    counted = {explorer_filters(row.th.a["href"])["term"]: int(row.td.get_text()) for row in rows}
    assert counted == small_terms
    for row in rows:
        assert explorer_filters(row.th.a["href"]) == {
            "audience": party.id,
            "term": explorer_filters(row.th.a["href"])["term"],
        }


@pytest.mark.parametrize("kind", [Kind.role])
def test_a_party_page_counts_each_plans_actions_and_links_to_them(both, kind):
    catalogue, small, large = both
    party = busiest(catalogue, kind)
    page = party_page(party)
    small_sections, large_sections = sections(small[page]), sections(large[page])
    assert set(large_sections) == set(small_sections) and large_sections
    assert soup(large[page]).select("table.ps-party-actions") == []
    titles = {plan.name: plan.id for plan in catalogue.plans}  # party pages name plans by their short titles
    for anchor, listed in small_sections.items():
        if listed.select_one("table.ps-party-actions") is None:
            continue  # members, plan-level mentions: the same either way
        # The small page: one table per plan, a row per action.
        expected = {
            table.caption.a.get_text(): len(table.select("tbody tr"))
            for table in listed.select("table.ps-party-actions")
        }
        rows = large_sections[anchor].select("table.ps-party-plans tbody tr")
        counted = {row.select("td")[0].a.get_text(): int(row.select("td")[1].get_text()) for row in rows}
        assert counted == expected
        for row in rows:
            plan_id = titles[row.select("td")[0].a.get_text()]
            wanted = {"plan": plan_id, **({"audience": party.id} if anchor == "audience" else {"who": party.key})}
            assert explorer_filters(row.select("td")[2].a["href"]) == wanted


def term_rows(page: str) -> dict[str, list[str]]:
    """Each term section's rows of a What's on page, by term anchor (their links)."""
    return {
        section["id"]: [
            a["href"].rsplit("/", 2)[-2] + a["href"].rpartition("/")[2]
            for a in section.select("tbody tr td:nth-of-type(2) a")
        ]
        for section in soup(page).select("section.ps-term")
    }


def test_whats_on_lists_every_term_and_gives_coming_terms_a_page_each(both):
    _, small, large = both
    every = term_rows(small[WHATS_ON_PAGE])  # term anchor → its entries, on the small site's one page
    index = soup(large[WHATS_ON_PAGE])
    assert index.select("section.ps-term") == []  # the index lists terms, not their entries
    coming, past = (table.select("tbody tr") for table in index.select("table.ps-term-index"))
    assert coming and past  # the build date falls inside the plans' span
    linked = []
    for row in coming:
        anchor = row.th.a["href"].rstrip("/").rpartition("/")[2]
        page = whats_on_term_page(anchor)
        assert page in large, row.th.a["href"]
        assert term_rows(large[page]) == {anchor: every[anchor]}  # the same entries as the full page
        assert int(row.select("td")[1].get_text()) == len(every[anchor])
        linked.append(anchor)
    for row in past:
        filters = explorer_filters(row.th.a["href"])
        assert set(filters) == {"term"}
        assert int(row.select("td")[1].get_text()) == len(every[filters["term"]])
        linked.append(filters["term"])
    assert sorted(linked) == sorted(every)  # every term once, coming or past
    assert {path for path in large if path.startswith("whats-on/")} == {
        whats_on_term_page(a) for a in linked[: len(coming)]
    }


def test_the_explorer_page_has_no_row_per_action_and_its_data_says_what_rows_show(both):
    catalogue, small, large = both
    assert len(soup(small[EXPLORER_PAGE]).select("#x-rows tr")) == sum(len(p.actions()) for p in catalogue.plans)
    body = soup(large[EXPLORER_PAGE]).select_one("#x-rows")
    assert body.select("tr") == [] and int(body["data-limit"]) > 0
    small_data, large_data = json.loads(small[EXPLORER_DATA]), json.loads(large[EXPLORER_DATA])
    assert [r["row"] for r in large_data["actions"]] == [r["row"] for r in small_data["actions"]]
    assert all("text" in r for r in small_data["actions"]) and "plans" not in small_data
    for record in large_data["actions"]:
        plan = catalogue.plan(record["plan"])
        action = next(a for a in plan.actions() if f"{plan.id}--{a.id}" == record["row"])
        assert record["url"] == f"../plans/{plan.id}/#{action.id}"
        assert record["who"] == [m.text for m in action.responsible]
        assert record["audience"] == [m.text for m in action.audience]
        assert large_data["plans"][plan.id] == plan.title and record["progress"] in large_data["progress"]


def test_the_relations_page_of_a_large_site_keeps_the_list_without_the_diagram(both):
    _, small, large = both
    assert soup(small[RELATIONS_PAGE]).select("figure.ps-relations svg")
    assert soup(large[RELATIONS_PAGE]).select("figure.ps-relations") == []
    items = lambda page: [li.get_text(" ", strip=True) for li in soup(page).select("ul.ps-relations-list li")]  # noqa: E731
    assert items(large[RELATIONS_PAGE]) == items(small[RELATIONS_PAGE]) and items(small[RELATIONS_PAGE])


def test_a_small_site_is_laid_out_as_before(both):
    _, small, _ = both
    assert not any(path.startswith("whats-on/") for path in small)
    assert soup(small[WHATS_ON_PAGE]).select("table.ps-term-index") == []
