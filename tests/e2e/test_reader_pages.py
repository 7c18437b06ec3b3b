"""Pages that lead with what their reader asks, in headless Chromium (issue 16): titles that
name whose plan it is, the first action within two screens on every plan, What's on and an
audience's page opening at the reader's term (a fixed clock), the status table and the
explorer views its counts open, and no party page that leads to no plan."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from bench.corpus import write_corpus
from generator.pipeline import load_and_resolve

from ..helpers import PLANS, ROOT, run_mkdocs_build
from .conftest import served
from .helpers import ALL_DRAWN

CATALOGUE = load_and_resolve(PLANS)[0]
PLAN_IDS = [plan.id for plan in CATALOGUE.plans]
SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
FIRST_ACTION = "table.ps-actions tbody tr, .ps-grid__actions li"
PARTY_FOLDERS = ("roles", "teams", "people", "organisations", "audiences")


def first_action_top(page: Page) -> float | None:
    """Where the first action's row (or grid item) starts, in CSS pixels from the top of the page."""
    return page.evaluate(
        f"""() => {{ const e = document.querySelector({FIRST_ACTION!r});
        return e ? e.getBoundingClientRect().top + window.scrollY : null; }}"""
    )


@pytest.fixture(scope="session")
def bench_site_url(tmp_path_factory):
    """Two synthetic plans of 150 actions each (bench/corpus.py), built with the project's
    generator and overrides: what a large plan looks like."""
    dest = tmp_path_factory.mktemp("bench")
    write_corpus(dest, 2, 150, 16)
    shutil.rmtree(dest / "docs", ignore_errors=True)
    shutil.copytree(ROOT / "docs", dest / "docs")
    result = run_mkdocs_build(dest, dest / "site")
    assert result.returncode == 0, result.stderr
    with served(dest / "site") as url:
        yield url, sorted(p.stem for p in (dest / "plans").glob("*.yml"))


# --- titles -------------------------------------------------------------------------


def test_titles_name_the_organisation(page: Page, site_url: str):
    assert PLAN_IDS
    for plan in CATALOGUE.plans:
        organisation = CATALOGUE.organisation_name(plan.organisation)
        page.goto(f"{site_url}plans/{plan.id}/")
        assert page.title() == f"{plan.title} – {organisation} – Published plans"
        heading = page.locator("article h1")
        expect(heading).to_have_count(1)
        expect(heading).to_contain_text(plan.title)
        expect(heading).to_contain_text(organisation)
    page.goto(site_url)
    assert page.title() == "Published plans"  # not "Published plans - Published plans"
    page.goto(site_url + "whats-on/")
    assert page.title() == "What's on – Published plans"


# --- the actions early --------------------------------------------------------------


def test_every_bundled_plan_is_among_those_placed():
    """The parametrized check below runs once per plan: an empty list would check nothing."""
    assert len(PLAN_IDS) >= 5 and set(PLAN_IDS) == {p.stem for p in PLANS.glob("*.yml")}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_the_first_action_is_within_two_screens(page: Page, site_url: str, plan_id: str, screen: str):
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{site_url}plans/{plan_id}/")
    top = first_action_top(page)
    if not CATALOGUE.plan(plan_id).actions():  # Essex is narrative: its text leads instead
        assert top is None
        expect(page.locator(".ps-glance")).to_contain_text("No actions")
        first_part = page.locator("article h2").first
        assert first_part.bounding_box()["y"] + page.evaluate("window.scrollY") < 2 * height
        return
    assert top is not None
    assert top + 40 <= 2 * height, f"the first action starts {top:.0f}px down, {top / height:.2f} screens"


@pytest.mark.parametrize("screen", SCREENS)
def test_the_first_action_of_a_large_plan_is_within_two_screens(page: Page, bench_site_url, screen: str):
    url, plan_ids = bench_site_url
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    assert plan_ids
    for plan_id in plan_ids:
        page.goto(f"{url}plans/{plan_id}/")
        assert page.locator(FIRST_ACTION).count() >= 100, plan_id
        top = first_action_top(page)
        assert top is not None and top + 40 <= 2 * height, (plan_id, top)


def test_the_check_of_the_first_action_can_fail(page: Page, site_url: str):
    """A planted block of text in front of the actions pushes the first one past two screens."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_url}plans/middlesbrough-school-improvement-scrutiny-2014/")
    page.evaluate("document.querySelector('.ps-plan-intro').style.paddingBottom = '1500px'")
    assert first_action_top(page) + 40 > 2 * 844


# --- now and next, What's on and audiences against the reader's today -----------------


def clocked(page: Page, day: str) -> None:
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{day}T10:00:00"))


def test_now_and_next_follow_the_readers_today(page: Page, site_url: str):
    clocked(page, "2014-11-20")
    page.goto(site_url + "plans/middlesbrough-school-improvement-scrutiny-2014/")
    box = page.locator("[data-now-next]")
    expect(box.locator(".ps-now-next__title")).to_have_text("Today, 20 November 2014:")
    expect(box).to_contain_text("Under way:")
    next_up = box.locator("li", has_text="Next:")
    expect(next_up).to_contain_text("Improving School Performance Through Partnership Working")
    expect(next_up).to_contain_text("26 November 2014")


def test_now_and_next_without_javascript_speak_for_the_build_date(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "plans/middlesbrough-school-improvement-scrutiny-2014/")
    expect(page.locator(".ps-now-next__title")).to_contain_text("when this page was built")
    context.close()


def term_order(page: Page) -> list[str]:
    return page.eval_on_selector_all(".ps-terms > .ps-term", "terms => terms.map(t => t.id)")


def test_whats_on_opens_at_the_readers_term(page: Page, site_url: str):
    clocked(page, "2014-11-20")  # inside Middlesbrough's plan
    page.goto(site_url + "whats-on/")
    order = term_order(page)
    assert order[:2] == ["autumn-2014", "spring-2015"]  # this term, then the later ones
    assert order.index("summer-2010") > order.index("autumn-2017")  # then the earlier ones, newest first
    first = page.locator(".ps-terms > .ps-term").first
    expect(first.locator(".ps-term__status")).to_have_text("This term")
    expect(page.locator("[data-terms-opening]")).to_contain_text("This term, Autumn term 2014, comes first")
    expect(page.locator("nav.ps-term-jump a[aria-current]")).to_have_text("Autumn term 2014")
    assert first.bounding_box()["y"] < 2 * page.viewport_size["height"]


def test_whats_on_opens_at_the_nearest_term_with_entries(page: Page, site_url: str):
    clocked(page, "2012-05-01")  # no plan lists anything in 2011-2013
    page.goto(site_url + "whats-on/")
    assert term_order(page)[0] == "summer-2010"
    expect(page.locator("[data-terms-opening]")).to_contain_text("Summer term 2010, the nearest term with entries")


def test_whats_on_without_javascript_opens_at_the_build_dates_term(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "whats-on/")
    order = term_order(page)
    seasons = ["spring", "summer", "autumn"]
    newest_first = sorted(order, key=lambda t: (int(t.split("-")[1]), seasons.index(t.split("-")[0])), reverse=True)
    assert order and order == newest_first  # built in 2026, after every plan: the latest term first
    context.close()


def test_an_audience_page_groups_its_actions_by_term_and_has_a_feed(page: Page, site_url: str):
    clocked(page, "2003-10-01")
    page.goto(site_url + "audiences/headteachers/")
    assert term_order(page)[0] == "autumn-2003"
    expect(page.locator(".ps-terms > .ps-term").first).to_contain_text("Southwark EDP 2002-2007")
    feed = page.get_by_role("link", name="calendar feed (.ics)")
    response = page.request.get(site_url + "audiences/headteachers/" + feed.get_attribute("href"))
    assert response.ok
    calendar = icalendar.Calendar.from_ical(response.body())
    events = calendar.walk("VEVENT")
    assert len(events) >= 5
    assert str(calendar["X-WR-CALNAME"]).startswith("Headteachers")


# --- the status table ---------------------------------------------------------------


def test_the_status_table_lists_each_recommendation_and_its_counts_open_the_explorer(page: Page, site_url: str):
    page.goto(site_url + "plans/middlesbrough-school-improvement-scrutiny-2014/")
    page.add_style_tag(content=ALL_DRAWN)  # as a reader scrolled to it sees it (off screen, it is not drawn yet)
    table = page.locator("table.ps-status-table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(13)
    labels = [rows.nth(i).locator("th").inner_text() for i in range(13)]
    assert labels == [f"{letter})" for letter in "abcdefghijklm"]
    expect(rows.nth(0).locator("td").first).to_contain_text("That measures be implemented to encourage elected members")
    links = [
        (rows.nth(i).locator("th").inner_text(), a.get_attribute("href"), int(a.locator("strong").inner_text()))
        for i in range(13)
        for a in rows.nth(i).locator(".ps-status-counts a").all()
    ]
    assert sum(count for _, _, count in links) == 21
    checked = 0
    for label, href, count in links:
        page.goto(urljoin(site_url + "plans/middlesbrough-school-improvement-scrutiny-2014/", href))
        expect(page.locator("#x-count")).to_contain_text(" shown")
        shown = page.locator("#x-rows tr:not([hidden])")
        assert shown.count() == count, (label, href)
        for i in range(shown.count()):
            expect(shown.nth(i)).to_contain_text(f"Recommendation {label}")
        checked += 1
    assert checked == len(links) >= 13


@pytest.mark.parametrize("plan_id", ["southwark-edp-2002-07", "salford-post-ofsted-action-plan-2004"])
def test_every_status_count_opens_exactly_its_actions(page: Page, site_url: str, plan_id: str):
    page.goto(f"{site_url}plans/{plan_id}/")
    page.add_style_tag(content=ALL_DRAWN)  # as a reader scrolled to it sees it (off screen, it is not drawn yet)
    counts = page.locator(".ps-status-counts a").all()
    links = [(a.get_attribute("href"), int(a.locator("strong").inner_text())) for a in counts]
    assert len(links) >= 4
    for href, count in links:
        page.goto(urljoin(f"{site_url}plans/{plan_id}/", href))
        expect(page.locator("#x-count")).to_contain_text(" shown")
        assert page.locator("#x-rows tr:not([hidden])").count() == count, href


# --- no dead ends -------------------------------------------------------------------


def party_pages(site: Path) -> list[Path]:
    return sorted(p for folder in PARTY_FOLDERS for p in (site / folder).glob("*/index.html"))


def test_no_party_page_without_a_link_to_a_plan(built_site: Path):
    pages = party_pages(built_site)
    assert len(pages) > 80
    dead = []
    for path in pages:
        article = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")
        links = [a["href"] for a in article.find_all("a", href=True)]
        plan_links = [href for href in links if re.search(r"(^|/)plans/[^/#?]+/", href)]
        if not plan_links:
            dead.append(str(path.relative_to(built_site)))
    assert dead == []


def test_the_dead_end_check_can_fail(tmp_path: Path, built_site: Path):
    planted = tmp_path / "roles" / "nobody" / "index.html"
    planted.parent.mkdir(parents=True)
    planted.write_text("<html><body><article><h1>Nobody</h1><p>Role.</p></article></body></html>", encoding="utf-8")
    assert party_pages(tmp_path) == [planted]
    article = BeautifulSoup(planted.read_text(encoding="utf-8"), "html.parser").find("article")
    assert not [a for a in article.find_all("a", href=True) if "plans/" in a["href"]]


def test_a_party_named_only_in_text_leads_to_where_it_is_named(page: Page, site_url: str):
    page.goto(site_url + "roles/salford-education-welfare-officer/")
    mentions = page.locator(".ps-mentions li")
    expect(mentions).to_have_count(2)
    expect(mentions.first.locator("mark")).to_have_text("EWOs")
    mentions.first.locator("a").click()
    assert "/plans/salford-post-ofsted-action-plan-2004/" in page.url and "#" in page.url
    target = page.url.split("#", 1)[1]
    expect(page.locator(f"[id='{target}']")).to_contain_text("EWOs")


def test_a_large_plans_own_pages_name_the_organisation_too(page: Page, bench_site_url):
    url, plan_ids = bench_site_url
    page.goto(f"{url}plans/{plan_ids[0]}/")
    organisation = page.locator(".ps-plan-title__org").text_content().strip(", \n")
    plan_title = page.title().split(" – ")[0]
    for view, words in (("who-does-what", "Who does what"), ("timeline", "Timeline")):
        page.goto(f"{url}plans/{plan_ids[0]}/{view}/")
        assert page.title() == f"{words}: {plan_title} – {organisation} – Published plans"
