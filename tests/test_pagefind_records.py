"""What the search indexes hold (render.search_records; generator/pagefind.py): each action's
words kept apart by what they are, a plan page's own entry in place of its header, Material's
index shaped around them, and Pagefind's copy of a plan page with its actions added as
headings whose fields start at marker elements."""

from __future__ import annotations

import json

import pytest
from lxml import html as lxml_html

from generator.outputs.pagefind import (
    RECORDS,
    VIEW_SECTIONS,
    PagefindFailed,
    is_party_page,
    search_terms,
    shape_material_index,
    stage,
)
from generator.outputs.search import SEARCH_SYNONYMS, search_entries
from generator.pipeline import load_and_resolve

from .helpers import PLANS

PLAN_PAGE = (
    '<!doctype html><html lang="en"><head><title>A plan</title></head><body>'
    '<article class="md-content__inner"><h1 id="a-plan">A plan</h1>'
    '<div data-search-exclude="1"><table><tr id="1-1a"><td>1a) Do a thing</td></tr></table></div>'
    '<h2 id="timeline">Timeline</h2><h2 id="g">Group</h2>'
    "</article></body></html>"
)


@pytest.fixture(scope="module")
def catalogue():
    catalogue, _ = load_and_resolve(PLANS)
    assert catalogue is not None
    return catalogue


def entry_for(entries: list[dict], location: str) -> dict:
    return next(e for e in entries if e["location"] == location)


def test_an_actions_words_are_kept_apart_by_what_they_are(catalogue):
    entry = entry_for(search_entries(catalogue), "plans/southwark-edp-2002-07/#5.4-3b")
    assert entry["k"] == "a"
    assert entry["title"].startswith("3b) Identify Best Practice in Governance") and entry["title"].endswith(
        "governor training programmes"
    )
    assert entry["o"] == "Head of Governor Development"
    assert entry["a"] == "Governing Bodies in all phases"
    assert entry["x"] == "OFSTED: Office for Standards in Education"
    assert entry["g"].startswith("Activity 5.4: ")
    assert "Governance" in entry["t"]
    assert entry["text"] == "Continuing - Annually"  # its timescale, with its measures and milestones


def test_an_actions_measures_and_milestones_are_its_words_too(catalogue):
    entry = entry_for(search_entries(catalogue), "plans/worcestershire-laa-delivery-plan-ni-94/#activity-plan-3")
    assert "AfL strategies" in entry["text"]
    assert "AfL: Assessment for Learning" in entry["x"]  # an acronym its measures use


def test_fields_with_nothing_in_them_are_left_out(catalogue):
    entry = entry_for(search_entries(catalogue), "plans/salford-post-ofsted-action-plan-2004/#integrated-services-7")
    assert set(entry) == {"location", "k", "title", "t", "g"}


def test_words_are_escaped_as_html(catalogue):
    entry = entry_for(search_entries(catalogue), "plans/middlesbrough-school-improvement-scrutiny-2014/#c-1")
    assert "Learning &amp; Skills" in entry["o"] and "& " not in entry["o"]


def test_a_plan_page_has_its_own_entry_without_its_header(catalogue):
    entries = search_entries(catalogue)
    page = entry_for(entries, "plans/worcestershire-laa-delivery-plan-ni-94/")
    assert page["k"] == "p"
    assert page["title"] == "Worcestershire Local Area Agreement 2008-11 Delivery Plan"
    assert page["org"] == "Worcestershire County Council"
    assert "Progression by 2 levels in Mathematics" in page["text"]  # subtitle and summary
    assert "Published by" not in json.dumps(page) and "Kind of plan" not in json.dumps(page)
    plans = [e["location"] for e in entries if e.get("k") == "p"]
    assert len(plans) == len(catalogue.plans) == 5


def test_a_group_has_its_own_entry_without_its_actions_words(catalogue):
    entries = search_entries(catalogue)
    group = entry_for(entries, "plans/southwark-edp-2002-07/#5.4")
    assert group["k"] == "s"
    assert group["title"].startswith("Activity 5.4: Implement strategies")
    assert "OFSTED judgements" in group["text"]  # its success criteria
    assert "governor training" not in group["text"]  # not its actions' words (Material's own entry had them)
    assert not [
        e for e in search_entries(catalogue, on_page=True) if e.get("k") == "s"
    ]  # Pagefind indexes the page's sections


def test_the_first_entry_holds_the_terms_a_query_is_expanded_with(catalogue):
    entries = search_entries(catalogue)
    assert entries[0]["k"] == "terms"
    terms = search_terms(entries)
    assert terms["acronyms"]["SEN"] == "Special Educational Needs"
    assert terms["acronyms"]["KS"] == "Key Stage"
    assert ["maths", "mathematics", "math"] in terms["synonyms"]
    assert len(terms["synonyms"]) == len(SEARCH_SYNONYMS)
    assert search_terms([]) == {"acronyms": {}, "synonyms": []}


def test_on_its_page_an_action_leaves_out_what_its_page_holds(catalogue):
    location = "plans/southwark-edp-2002-07/#5.2-2"
    material = entry_for(search_entries(catalogue), location)
    on_page = entry_for(search_entries(catalogue, on_page=True), location)
    assert material["title"] == on_page["title"]
    assert "g" in material and "g" not in on_page
    assert on_page["gid"] == "5.2"
    assert set(on_page.get("t", "").split(" · ")) - {""} <= set(material["t"].split(" · "))  # its own themes only


def test_every_action_has_an_entry_either_way(catalogue):
    # success criteria are searched as actions are, by their own words, after the plan's actions
    actions = [
        f"plans/{plan.id}/#{item.id}"
        for plan in catalogue.plans
        for item in [*plan.actions(), *(criterion for _, criterion in plan.criteria())]
    ]
    assert any("criterion" in anchor for anchor in actions)
    for on_page in (False, True):
        entries = search_entries(catalogue, on_page=on_page)
        assert [e["location"] for e in entries if e.get("k") == "a"] == actions


def test_the_entries_are_the_same_for_the_same_plans(catalogue):
    again, _ = load_and_resolve(PLANS)
    assert json.dumps(search_entries(catalogue)) == json.dumps(search_entries(again))


def test_a_plan_page_copy_holds_its_actions_as_headings_with_marked_fields(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    (site / "plans" / "a-plan").mkdir(parents=True)
    (site / "plans" / "a-plan" / "index.html").write_text(PLAN_PAGE, encoding="utf-8")
    (site / "about").mkdir()
    (site / "about" / "index.html").write_text(
        "<html><body><article><h1>About</h1></article></body></html>", encoding="utf-8"
    )
    (site / "plans" / "a-plan" / "history").mkdir()
    (site / "plans" / "a-plan" / "history" / "index.html").write_text("<article>changes</article>", encoding="utf-8")
    entries = [
        {"location": "", "k": "terms", "acronyms": {}, "synonyms": []},
        {"location": "plans/a-plan/", "k": "p", "title": "A plan", "text": "", "org": "Testshire &amp; Co"},
        {
            "location": "plans/a-plan/#1-1a",
            "k": "a",
            "title": "1a) Do a thing",
            "o": "Head of Schools",
            "a": "SENCOs",
            "gid": "g",
        },
        {"location": "plans/a-plan/#1-1b", "k": "a", "title": "1b) Fish &amp; chips", "text": "Spring 2004"},
    ]
    stage(site, ["plans/a-plan/index.html", "about/index.html"], entries, staging)

    assert sorted(str(p.relative_to(staging)) for p in staging.rglob("*.html")) == [
        "about/index.html",
        "plans/a-plan/index.html",
    ]
    assert (staging / "about" / "index.html").read_bytes() == (site / "about" / "index.html").read_bytes()
    assert (site / "plans" / "a-plan" / "index.html").read_text(encoding="utf-8") == PLAN_PAGE  # the site is untouched
    tree = lxml_html.fromstring((staging / "plans" / "a-plan" / "index.html").read_text(encoding="utf-8"))
    records = tree.xpath(f"//article/section[@class='{RECORDS}']")
    assert len(records) == 1
    assert [(h.get("id"), h.text_content()) for h in records[0].xpath("h2")] == [
        ("1-1a", "1a) Do a thing"),
        ("1-1b", "1b) Fish & chips"),
    ]
    assert [s.get("id") for s in records[0].xpath(".//span")] == ["1-1a~g~g", "1-1a~o", "1-1a~a", "1-1b~m"]
    assert [p.text_content() for p in records[0].xpath("p")] == ["Head of Schools", "SENCOs", "Spring 2004"]
    assert [s.text_content() for s in records[0].xpath(".//span")] == ["", "", "", ""]  # markers only
    meta = tree.xpath("//article/p[@data-pagefind-meta='org']")
    assert [m.text_content() for m in meta] == ["Testshire & Co"] and meta[0].get("data-pagefind-ignore") is not None
    assert (
        tree.xpath("//h2[@id='timeline']")[0].get("data-pagefind-ignore") is not None
    )  # a view, not a part of the plan
    assert tree.xpath("//h2[@id='g']")[0].get("data-pagefind-ignore") is None
    assert tree.xpath("//article/h1")[0].text_content() == "A plan"  # the page's own content is kept


def test_a_party_page_is_indexed_only_if_it_lists_something(tmp_path):
    site, staging = tmp_path / "site", tmp_path / "staging"
    for name, body in (
        ("lists", '<h2 id="responsible">Responsible for</h2><table class="ps-party-actions"></table>'),
        ("empty", ""),
    ):
        (site / "roles" / name).mkdir(parents=True)
        (site / "roles" / name / "index.html").write_text(
            f'<html><body><article><h1 id="{name}">A role</h1><p class="ps-party-kind">Role: takes part in 0 actions.</p>{body}</article></body></html>',
            encoding="utf-8",
        )
    stage(site, ["roles/lists/index.html", "roles/empty/index.html"], [], staging)
    assert [str(p.relative_to(staging)) for p in staging.rglob("*.html")] == ["roles/lists/index.html"]


def test_party_pages_are_told_by_their_folder():
    assert is_party_page("roles/x/") and is_party_page("people/x.html") and is_party_page("audiences/governors/")
    assert not is_party_page("audiences/") and not is_party_page("plans/x/") and not is_party_page("roles/x/y/")


def test_actions_of_a_page_that_was_not_built_fail_the_index(tmp_path):
    (tmp_path / "site").mkdir()
    entries = [{"location": "plans/gone/#1", "k": "a", "title": "1) Gone"}]
    with pytest.raises(PagefindFailed, match="plans/gone/"):
        stage(tmp_path / "site", [], entries, tmp_path / "staging")


def test_a_plan_page_without_an_article_fails_the_index(tmp_path):
    (tmp_path / "site" / "plans" / "a-plan").mkdir(parents=True)
    (tmp_path / "site" / "plans" / "a-plan" / "index.html").write_text(
        "<html><body>no article</body></html>", encoding="utf-8"
    )
    entries = [{"location": "plans/a-plan/#1", "k": "a", "title": "1) One"}]
    with pytest.raises(PagefindFailed, match="no <article>"):
        stage(tmp_path / "site", ["plans/a-plan/index.html"], entries, tmp_path / "staging")


MATERIAL = {
    "config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {}},
    "docs": [
        {"location": "", "title": "Published plans", "text": "<p>Every plan.</p>"},
        {
            "location": "plans/a-plan/",
            "title": "A plan",
            "text": "Published by Testshire Kind of plan Action plan",
            "tags": ["Governance"],
        },
        {"location": "plans/a-plan/#g", "title": "Group", "text": "Its words", "tags": ["Governance"]},
        {
            "location": "plans/a-plan/#timeline",
            "title": "Timeline",
            "text": "Dates are shown as of",
            "tags": ["Governance"],
        },
        {"location": "roles/empty/", "title": "An empty role", "text": "<p>Role: takes part in 0 actions.</p>"},
        {
            "location": "roles/busy/",
            "title": "A busy role",
            "text": "<p>Role: takes part in 1 action.</p> <p>Printed as: busy.</p>",
        },
        {
            "location": "roles/busy/#responsible",
            "title": "Responsible for",
            "text": "A plan: 1 action ActionPart of...",
        },
    ],
}


def test_materials_index_holds_plansites_entries_in_place_of_headers_views_and_empty_pages():
    entries = [
        {
            "location": "",
            "k": "terms",
            "acronyms": {"SEN": "Special Educational Needs"},
            "synonyms": [["maths", "mathematics"]],
        },
        {"location": "plans/a-plan/", "k": "p", "title": "A plan", "text": "Its summary", "org": "Testshire"},
        {"location": "plans/a-plan/#g", "k": "s", "title": "Group", "text": "Its own words"},
        {"location": "plans/a-plan/#1", "k": "a", "title": "1) Do a thing", "o": "Head"},
    ]
    material = json.loads(json.dumps(MATERIAL))
    material["docs"].insert(
        3, {"location": "plans/a-plan/#other", "title": "Other", "text": "More", "tags": ["Governance"]}
    )
    shaped = shape_material_index(material, entries)
    docs = {doc["location"]: doc for doc in shaped["docs"]}
    assert [doc["location"] for doc in shaped["docs"]] == [
        "", "plans/a-plan/", "plans/a-plan/#g", "plans/a-plan/#other", "roles/busy/", "plans/a-plan/#1",
    ]  # fmt: skip
    assert docs["plans/a-plan/"] == entries[1]  # the plan's own entry, not its header
    assert docs["plans/a-plan/#g"] == entries[2]  # the group's own entry, not Material's of its section
    assert docs["plans/a-plan/#other"] == {
        "location": "plans/a-plan/#other",
        "title": "Other",
        "text": "More",
        "k": "s",
    }  # no theme tags
    assert "timeline" in VIEW_SECTIONS and "plans/a-plan/#timeline" not in docs
    assert "roles/empty/" not in docs  # lists nothing
    assert docs["roles/busy/"] == {
        "location": "roles/busy/",
        "title": "A busy role",
        "text": "<p>Printed as: busy.</p>",
        "show": "Role: takes part in 1 action.",
        "k": "y",
    }
    assert docs[""]["k"] == "o"
    assert shaped["plansite"] == {
        "acronyms": {"SEN": "Special Educational Needs"},
        "synonyms": [["maths", "mathematics"]],
    }
    assert set(shaped["config"]["fields"]) >= {"title", "text", "o", "a", "x", "t", "g"}
    assert "show" not in shaped["config"]["fields"]  # shown, not searched
    assert shaped["config"]["pipeline"] == ["stopWordFilter"]


def test_pagefind_stops_when_told_and_leaves_no_half_index(tmp_path):
    """``mkdocs serve``: a save that comes while Pagefind indexes a large site stops it (at
    1,000 plans it ran a minute, and the save's build waited for it)."""
    import threading
    import time

    from generator.outputs.pagefind import PagefindStopped, index_with_pagefind

    site = tmp_path / "site"
    pages = []
    for number in range(300):
        page = site / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        words = " ".join(f"word{number}x{index}" for index in range(400))
        page.write_text(f"<html lang='en'><body><article><h1>Page {number}</h1><p>{words}</p></article></body></html>")
        pages.append(f"p{number}/index.html")
    stop = threading.Event()
    stop.set()  # the save came before Pagefind was done
    started = time.perf_counter()
    with pytest.raises(PagefindStopped):
        index_with_pagefind(site, pages, [], stop)
    assert not (site / "pagefind").exists()
    index_with_pagefind(site, pages, [], threading.Event())  # not told: the index is written whole
    assert (site / "pagefind" / "pagefind.js").is_file()
    print(f"stopped after {time.perf_counter() - started:.2f} s")
