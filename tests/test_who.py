"""Who does what, on the built site: role and audience pages, mention links,
matrices, abbreviations and the glossary (parsed HTML of a real build)."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import load_and_resolve
from generator.resolve.parties import KIND_FIELDS

from .helpers import PLANS, soup_of, words

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop


def section_rows(page: BeautifulSoup, section_id: str, plan_title: str) -> list[str]:
    """Action link texts of one plan's table under a section of a party page."""
    heading = page.find(id=section_id)
    assert heading is not None, section_id
    for element in heading.find_all_next(["h2", "table"]):
        if element.name == "h2":
            break
        if plan_title in element.find("caption").get_text():
            return [words(a.get_text()) for a in element.select("tbody td[data-label=Action] > a")]
    return []


def test_head_of_school_improvement_page_lists_its_nine_southwark_actions(built_site):
    page = soup_of(built_site / "roles" / "southwark-head-of-school-improvement" / "index.html")
    assert words(page.find("article").find("h1").get_text()).startswith("Head of School Improvement")
    rows = section_rows(page, "responsible", "Southwark EDP 2002-2007")  # the short title, in passing
    labels = sorted(row.split(" ", 1)[0] for row in rows)
    assert len(rows) == 9
    assert labels == sorted(["1)", "2)", "3a)", "3b)", "3c)", "1c)", "2)", "3)", "4)"])
    links = [a["href"] for a in page.select("#responsible ~ div table tbody td[data-label=Action] > a")]
    anchors = {href.split("#")[1] for href in links}
    assert {"5.1-1", "5.1-2", "5.1-3a", "5.1-3b", "5.1-3c", "5.3-1c", "5.6-2", "5.6-3", "5.6-4"} <= anchors


def test_role_page_rows_are_ordered_by_timescale(built_site):
    catalogue, _ = load_and_resolve(PLANS)
    page = soup_of(built_site / "roles" / "southwark-head-of-school-improvement" / "index.html")
    table = page.find(id="responsible").find_next("table")
    anchors = [a["href"].split("#")[1] for a in table.select("tbody td[data-label=Action] > a")]
    whens = catalogue.whens["southwark-edp-2002-07"]
    starts = [whens[a].start for a in anchors]
    dated = [s for s in starts if s is not None]
    assert dated == sorted(dated)
    assert starts[: len(dated)] == dated  # undated ones come last


def test_three_adviser_spellings_land_on_one_page_that_shows_them(built_site):
    page = soup_of(built_site / "roles" / "southwark-senior-adviser-development" / "index.html")
    spellings = [q.get_text() for q in page.select(".ps-spellings q")]
    assert spellings == ["Senior Adviser (Development)", "Senior adviser (Development)", "Senior Advisor (Development)"]
    # every plan-page mention of any spelling links here
    plan = soup_of(built_site / "plans" / "southwark-edp-2002-07" / "index.html")
    targets = {
        a["href"]
        for a in plan.select("article a[href]")
        if words(a.get_text()).lower().startswith(("senior adviser (development)", "senior advisor (development)"))
    }
    assert targets == {"../../roles/southwark-senior-adviser-development/"}


def test_every_name_on_a_plan_page_links_to_its_page(built_site):
    catalogue, _ = load_and_resolve(PLANS)
    checked = 0
    for plan in catalogue.plans:
        if not plan.actions() or not any(a.responsible for a in plan.actions()):
            continue
        article = soup_of(built_site / "plans" / plan.id / "index.html").find("article")
        for action in plan.actions():
            row = article.find(id=action.id)
            linked = {(words(a.get_text()), a["href"]) for a in row.select("a[href]")}
            for mention in action.responsible + action.audience:
                party = catalogue.directory.party_of(mention)
                assert party is not None, (plan.id, action.id, mention.text)
                page = f"../../{KIND_FIELDS[party.kind]}/{party.id}/"
                assert (words(mention.text), page) in linked, (plan.id, action.id, mention.text)
                checked += 1
    assert checked > 50


def test_audience_page_says_what_to_look_at(built_site):
    page = soup_of(built_site / "audiences" / "governors" / "index.html")
    article = page.find("article")
    assert article.find(id="audience") is not None
    captions = [words(c.get_text()) for c in article.select("table caption")]
    assert any(c.startswith("Southwark EDP 2002-2007") for c in captions)  # short title
    assert "Governing Bodies in all phases" in [q.get_text() for q in article.select(".ps-spellings q")]


def test_index_pages_list_every_party(built_site):
    catalogue, _ = load_and_resolve(PLANS)
    who = soup_of(built_site / "who-does-what" / "index.html")
    linked = {a["href"].strip("/").split("/")[-1] for a in who.select("article table a")}
    expected = {p.id for p in catalogue.directory.everyone() if p.kind.value != "audience"}
    assert linked == expected
    audiences = soup_of(built_site / "audiences" / "index.html")
    assert len(audiences.select("article table tbody tr")) == len(catalogue.registry.audiences)


def test_southwark_matrix_on_the_plan_page(built_site):
    article = soup_of(built_site / "plans" / "southwark-edp-2002-07" / "index.html").find("article")
    matrix = article.find("table", class_="ps-matrix")
    assert matrix.find("caption") is not None
    headers = [
        words(th.find("span", attrs={"aria-hidden": "true"}).get_text()) for th in matrix.select("thead th")[1:-1]
    ]
    assert [h.split(" ")[0] for h in headers] == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    assert headers[0] == "5.1 Promote continuous improvement through effective…"  # the group's words, shortened
    spoken = [words(th.find(class_="ps-vh").get_text()) for th in matrix.select("thead th")[1:-1]]
    assert (
        spoken[0]
        == "Activity 5.1: Promote continuous improvement through effective self-review and evaluation processes"
    )
    rows = {words(r.find("th").get_text()): r for r in matrix.select("tbody tr")}
    head = rows["Head of School Improvement"]
    assert head.find("th")["scope"] == "row"
    cells = [words(td.get_text()) for td in head.find_all("td")]
    assert "Responsible (5 actions)" in cells[0]
    drawn = head.find("td").find("span")  # its letter and count: CSS generated content, hidden from screen readers
    assert drawn["class"] == ["ps-r"] and drawn["data-n"] == "5"
    assert drawn.find(class_="ps-vh").get_text() == "Responsible (5 actions)"
    assert cells[-1] == "9" or int(cells[-1]) >= 9
    legend = [words(li.get_text()) for li in article.select(".ps-legend li")]
    assert "R Responsible" in legend


def test_a_plan_without_owners_says_so(built_site):
    article = soup_of(built_site / "plans" / "salford-post-ofsted-action-plan-2004" / "index.html").find("article")
    assert article.find("table", class_="ps-matrix") is None
    assert "does not name who is responsible" in article.find(class_="ps-no-owners").get_text()


def test_plan_pages_expand_acronyms_outside_links(built_site):
    expansions = {}
    for path in (built_site / "plans").glob("*/index.html"):
        article = soup_of(path).find("article")
        for abbr in article.find_all("abbr"):
            assert abbr.find_parent("a") is None, (path, abbr)
            assert abbr.find_parent("code") is None
            expansions[abbr.get_text()] = abbr["title"]
    for term in ("EMTAS", "SENCO", "PRU", "NQT"):
        assert term in expansions or term + "s" in expansions, term
    assert expansions["NQT"] == "Newly Qualified Teacher"
    assert expansions["PRU"] == "Pupil Referral Unit"


def test_glossary_lists_every_acronym_used_in_the_plans(built_site):
    catalogue, _ = load_and_resolve(PLANS)
    glossary = soup_of(built_site / "glossary" / "index.html")
    listed = {words(th.get_text()) for th in glossary.select("table tbody th")}
    assert listed == {a.term for a in catalogue.registry.acronyms}

    # Every capitalised abbreviation printed in any plan's text is in the registry's list.
    def content(value):
        if isinstance(value, dict):
            return {k: content(v) for k, v in value.items() if k not in ("source", "source_note", "id", "ref")}
        if isinstance(value, list):
            return [content(v) for v in value]
        return value

    text = " ".join(json.dumps(content(plan.model_dump(mode="json"))) for plan in catalogue.plans)
    tokens = set(re.findall(r"(?<![A-Za-z])([A-Z][A-Za-z]*[A-Z])s?(?![A-Za-z])", text))
    assert len(tokens) > 40
    assert sorted(tokens - listed) == []
