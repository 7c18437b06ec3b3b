"""The search index of the real site as built (Material's search, the default for five plans):
an entry for every action at its anchor, with its words, owners and group kept apart; plan
pages by their own words, not their headers; no bulky views; themes as a field, not as tags
on every section; the terms a query is expanded with. (These replace the search-index
checks that were in test_build.py, written for the index in which an action's entry was
one run of words.)"""

from __future__ import annotations

import html
import json

import pytest
from bs4 import BeautifulSoup

from generator.pipeline import load_and_resolve
from generator.render.filters import Filters

from .helpers import PLANS


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogue():
    catalogue, _ = load_and_resolve(PLANS)
    return catalogue


def test_every_action_has_an_entry_at_its_anchor(built_site, index, catalogue):
    locations = {doc["location"]: doc for doc in index["docs"]}
    plans = list(catalogue.plans)
    assert plans
    for plan in plans:
        page = BeautifulSoup((built_site / "plans" / plan.id / "index.html").read_text(encoding="utf-8"), "html.parser")
        for action in plan.actions():
            entry = locations.get(f"plans/{plan.id}/#{action.id}")
            assert entry is not None, (plan.id, action.id)
            assert entry["k"] == "a"
            assert page.find(id=action.id) is not None
            assert html.escape(words(Filters.plain(action.text))[:40], quote=False) in entry["title"]
    southwark = locations["plans/southwark-edp-2002-07/#5.1-1"]
    assert southwark["o"] == "Head of School Improvement" and southwark["g"].startswith("Activity 5.1")


def test_a_plan_page_is_found_by_its_own_words_not_its_header(index):
    docs = {doc["location"]: doc for doc in index["docs"]}
    southwark = docs["plans/southwark-edp-2002-07/"]
    assert southwark["k"] == "p" and southwark["org"] == "London Borough of Southwark"
    assert "Priority 5 of Southwark" in southwark["text"]
    everything = json.dumps(index["docs"])
    assert "Kind of plan" not in everything and "Published by" not in everything
    assert "plans/southwark-edp-2002-07/#timeline" not in docs and "plans/southwark-edp-2002-07/#source" not in docs


def test_bulky_views_stay_out_of_the_search_index(index):
    texts = " ".join(doc.get("text", "") for doc in index["docs"])
    assert "Monitoring or reported to (5 actions)" not in texts  # the matrix cells
    assert "under way, dates approximate" not in texts  # the timeline cells
    assert (
        "A number after a letter counts the actions" not in texts
    )  # nor the matrix's legend: a view, not a part of the plan


def test_a_groups_entry_holds_its_own_words_not_its_actions(index):
    group = next(doc for doc in index["docs"] if doc["location"] == "plans/southwark-edp-2002-07/#5.4")
    assert group["k"] == "s" and "OFSTED judgements" in group["text"]
    assert "governor training" not in group["text"]


def test_themes_are_a_field_not_tags_on_every_section(index):
    assert not [doc for doc in index["docs"] if "tags" in doc]
    entry = next(d for d in index["docs"] if d["location"] == "plans/southwark-edp-2002-07/#5.5-2")
    assert "ICT" in entry["t"]
    assert index["config"]["fields"]["t"]["boost"] < index["config"]["fields"]["title"]["boost"]


def test_party_pages_are_one_entry_and_only_if_they_list_something(built_site, index):
    parties = {doc["location"]: doc for doc in index["docs"] if doc.get("k") == "y"}
    assert parties and not [where for where in parties if "#" in where]
    pages = sorted(
        p
        for folder in ("people", "roles", "teams", "organisations", "audiences")
        for p in (built_site / folder).glob("*/index.html")
    )
    assert len(pages) > 50
    for path in pages:
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        lists = article.find("h2") is not None  # what it lists: actions, plans or members, each under a heading
        assert (path.parent.relative_to(built_site).as_posix() + "/" in parties) == lists, path
    cordiner = parties["people/julie-cordiner/"]
    assert cordiner["title"] == "Julie Cordiner" and "takes part in 5 actions" in cordiner["show"]
    assert "takes part" not in cordiner["text"]  # shown, not searched
    # named only in an action's words: its page lists where, and says so in its one line
    grounds = parties["teams/salford-grounds-maintenance/"]
    assert grounds["show"] == "Team or group, Salford LEA: named in 5 places in the plans' text."


def test_the_index_holds_the_terms_a_query_is_expanded_with(index):
    assert index["plansite"]["acronyms"]["NGfL"] == "National Grid for Learning"
    assert ["maths", "mathematics", "math"] in index["plansite"]["synonyms"]
