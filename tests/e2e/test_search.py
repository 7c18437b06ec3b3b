"""Search in headless Chromium (Material's search, the default for a site of five plans): a
phrase finds the action itself, at its anchor; a result shows the action's own words with
its label, plan and organisation; nothing of the search loads until the box is focused."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import SEARCH_FILES, first_results, result_for, search


def test_search_reaches_the_best_practice_action(page: Page, site_url: str, screenshot_dir):
    search(page, site_url, "Best Practice")
    result = result_for(page, "southwark-edp-2002-07", "5.2-2")
    page.screenshot(path=str(screenshot_dir / "search-best-practice.png"))
    result.click()
    expect(page).to_have_url(re.compile(re.escape(f"{site_url}plans/southwark-edp-2002-07/") + r"#5\.2-2$"))
    row = page.locator("tr[id='5.2-2']")
    expect(row).to_be_in_viewport()
    expect(row).to_contain_text("LEA Best Practice web-site")


def test_search_finds_an_action_by_its_owner(page: Page, site_url: str):
    search(page, site_url, "Head of Governor Development")
    result_for(page, "southwark-edp-2002-07", "5.4-3b")


def test_search_finds_an_action_by_an_acronyms_expansion(page: Page, site_url: str):
    search(page, site_url, "Ethnic Minority")
    result_for(page, "salford-post-ofsted-action-plan-2004", "sen-inclusion-and-access-26")


def test_a_result_shows_the_actions_words_label_plan_and_organisation(page: Page, site_url: str):
    search(page, site_url, "governor training")
    result = result_for(page, "southwark-edp-2002-07", "5.4-3b")
    item = result.locator("xpath=ancestor::li[1]")
    expect(item.locator("h1").first).to_have_text("Education Development Plan 2002-2007")  # the plan
    heading = result.locator("h2")
    expect(heading).to_contain_text("3b) Identify Best Practice in Governance")  # its label and words
    assert {mark.lower() for mark in heading.locator("mark").all_inner_texts()} == {
        "governor",
        "training",
    }  # the words found
    expect(result).to_contain_text("London Borough of Southwark")  # the organisation
    expect(result).to_contain_text("Activity 5.4")  # the part of the plan
    expect(result).to_contain_text("Who: Head of Governor Development")
    expect(result).to_contain_text("For: Governing Bodies in all phases")
    assert first_results(page, 1) == [result.get_attribute("href")]


def test_a_plan_pages_header_is_not_what_finds_it(page: Page, site_url: str):
    """ "Leadership Incentive Grant" listed plan pages first, by their headers ("Published
    by ... Kind of plan ..."): the action that names the grant comes first."""
    search(page, site_url, "leadership incentive grant")
    result_for(page, "southwark-edp-2002-07", "5.2-1a")
    assert first_results(page, 1)[0].endswith("#5.2-1a")
    search(page, site_url, "status adopted")  # words of every adopted plan's header, and of nothing else
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("matching"), timeout=15_000)
    page.wait_for_timeout(1000)
    assert not [href for href in first_results(page, 10) if re.search(r"plans/[^/#]+/$", href)]


def test_enter_opens_the_first_result_at_its_anchor(page: Page, site_url: str):
    search(page, site_url, "attendance review")
    result_for(page, "salford-post-ofsted-action-plan-2004", "integrated-services-7")
    page.locator("input[data-md-component=search-query]").press("Enter")
    expect(page).to_have_url(re.compile(r"plans/salford-post-ofsted-action-plan-2004/#integrated-services-7$"))
    expect(page.locator("[id='integrated-services-7']")).to_be_in_viewport()


def test_nothing_of_the_search_loads_before_the_box_is_focused(page: Page, site_url: str):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "plans/southwark-edp-2002-07/")
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 800)  # reading the page, not searching
    page.wait_for_timeout(500)
    assert fetched, "no requests recorded"
    assert [url for url in fetched if SEARCH_FILES.search(url)] == []
    page.locator("input[data-md-component=search-query]").focus()
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile("Type to start searching"), timeout=15_000)
    loaded = [url.removeprefix(site_url) for url in fetched if SEARCH_FILES.search(url)]
    assert "search/search_index.json" in loaded
    assert "assets/javascripts/plansite-search.js" in loaded
    assert any("workers/search" in url for url in loaded)


def test_a_phone_searches_from_the_header_button(page: Page, site_url: str, screenshot_dir):
    page.set_viewport_size({"width": 390, "height": 844})
    search(page, site_url, "sen budgets")
    result = result_for(page, "salford-post-ofsted-action-plan-2004", "sen-inclusion-and-access-18")
    assert first_results(page, 1) == [result.get_attribute("href")]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    result.click()
    expect(page.locator("[id='sen-inclusion-and-access-18']")).to_be_in_viewport()
