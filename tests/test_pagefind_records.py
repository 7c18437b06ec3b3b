"""What Pagefind indexes (plugin option ``search: pagefind``; generator/pagefind.py): a copy
of the pages Material's search would index, each plan page with its actions added as
headings, and each action's record with only the words its page does not already hold."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from generator.outputs.pagefind import RECORDS, PagefindFailed, stage
from generator.outputs.search import search_entries
from generator.pipeline import load_and_resolve

from .helpers import PLANS

PLAN_PAGE = (
    '<!doctype html><html lang="en"><head><title>A plan</title></head><body>'
    '<article class="md-content__inner"><h1 id="a-plan">A plan</h1>'
    '<div data-search-exclude="1"><table><tr id="1-1a"><td>1a) Do a thing</td></tr></table></div>'
    "</article></body></html>"
)


@pytest.fixture(scope="module")
def southwark():
    catalogue, _ = load_and_resolve(PLANS)
    assert catalogue is not None
    plan = next(p for p in catalogue.plans if p.id == "southwark-edp-2002-07")
    return catalogue, plan


def entry_for(entries: list[dict[str, str]], location: str) -> dict[str, str]:
    return next(e for e in entries if e["location"] == location)


def test_an_action_on_its_page_leaves_out_its_plan_and_group_words(southwark):
    catalogue, plan = southwark
    location = "plans/southwark-edp-2002-07/#5.2-2"
    material = entry_for(search_entries(catalogue), location)
    on_page = entry_for(search_entries(catalogue, on_page=True), location)
    assert material["title"] == on_page["title"]
    assert plan.title in material["text"] and plan.title not in on_page["text"]
    assert on_page["title"].endswith("…")  # a long title, cut short for the heading: its words are all in the text
    assert (
        on_page["text"].startswith(material["text"].split(" · ")[0]) and "provision in all Southwark" in on_page["text"]
    )
    # what the action says of itself stays: every owner's and audience's name
    for words in on_page["text"].split(" · "):
        assert words in material["text"]
    assert len(on_page["text"]) < len(material["text"])


def test_a_short_title_is_not_repeated_in_the_text(southwark):
    catalogue, _ = southwark
    short = [e for e in search_entries(catalogue, on_page=True) if not e["title"].endswith("…")]
    assert short and all(not e["text"].startswith(e["title"]) for e in short)


def test_every_action_has_a_record_either_way(southwark):
    catalogue, _ = southwark
    assert [e["location"] for e in search_entries(catalogue, on_page=True)] == [
        e["location"] for e in search_entries(catalogue)
    ]


def test_a_plan_page_copy_holds_its_actions_as_headings_inside_its_article(tmp_path):
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
        {"location": "plans/a-plan/#1-1a", "title": "1a) Do a thing", "text": "Head of Schools · SENCOs"},
        {"location": "plans/a-plan/#1-1b", "title": "1b) Fish &amp; chips", "text": "Governors"},
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
    assert [p.text_content() for p in records[0].xpath("p")] == ["Head of Schools · SENCOs", "Governors"]
    assert tree.xpath("//article/h1")[0].text_content() == "A plan"  # the page's own content is kept


def test_actions_of_a_page_that_was_not_built_fail_the_index(tmp_path):
    (tmp_path / "site").mkdir()
    entries = [{"location": "plans/gone/#1", "title": "1) Gone", "text": ""}]
    with pytest.raises(PagefindFailed, match="plans/gone/"):
        stage(tmp_path / "site", [], entries, tmp_path / "staging")


def test_a_plan_page_without_an_article_fails_the_index(tmp_path):
    (tmp_path / "site" / "plans" / "a-plan").mkdir(parents=True)
    (tmp_path / "site" / "plans" / "a-plan" / "index.html").write_text(
        "<html><body>no article</body></html>", encoding="utf-8"
    )
    entries = [{"location": "plans/a-plan/#1", "title": "1) One", "text": ""}]
    with pytest.raises(PagefindFailed, match="no <article>"):
        stage(tmp_path / "site", ["plans/a-plan/index.html"], entries, tmp_path / "staging")
