"""Timelines and What's on in headless Chromium: the now marker, no-JS reading, filters."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

MIDDLESBROUGH = "plans/middlesbrough-school-improvement-scrutiny-2014/"


def test_now_marker_lands_in_todays_column(page: Page, site_url: str, screenshot_dir):
    page.clock.set_fixed_time("2014-11-20T10:00:00")
    page.goto(site_url + MIDDLESBROUGH)
    timeline = page.locator("table.ps-timeline")
    marked = timeline.locator("thead th.ps-now")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("November 2014")
    expect(marked.locator(".ps-now-badge")).to_have_text("Today")
    # every body row marks the same column
    column = marked.evaluate("th => th.cellIndex")
    cells = timeline.locator("tbody tr:not(.ps-tl-group) > .ps-now")
    assert cells.count() > 0
    assert set(cells.evaluate_all("cells => cells.map(c => c.cellIndex)")) == {column}
    expect(page.locator(".ps-timeline-block [data-now-note]")).to_contain_text("Today is 20 November 2014")
    page.locator(".ps-timeline-block").screenshot(path=str(screenshot_dir / "middlesbrough-timeline-2014-11-20.png"))


def test_now_marker_moves_with_the_clock(page: Page, site_url: str):
    page.clock.set_fixed_time("2015-01-10T10:00:00")
    page.goto(site_url + MIDDLESBROUGH)
    expect(page.locator("table.ps-timeline thead th.ps-now")).to_contain_text("January 2015")


def test_now_marker_on_the_salford_grid(page: Page, site_url: str):
    page.clock.set_fixed_time("2004-07-01T10:00:00")
    page.goto(site_url + "plans/salford-post-ofsted-action-plan-2004/")
    expect(page.locator("table.ps-grid thead th.ps-now")).to_contain_text("June 2004 – August 2004")


def test_whats_on_marks_past_current_and_upcoming_in_words(page: Page, site_url: str, screenshot_dir):
    page.clock.set_fixed_time("2014-11-20T10:00:00")
    page.goto(site_url + "whats-on/")
    current = page.locator(".ps-term[data-status='current']")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("id", "autumn-2014")
    expect(current.locator(".ps-term__status")).to_have_text("This term")
    expect(page.locator("#summer-2004 .ps-term__status")).to_have_text("Past")
    expect(page.locator("#spring-2015 .ps-term__status")).to_have_text("Upcoming")
    page.screenshot(path=str(screenshot_dir / "whats-on-2014-11-20.png"))


def test_whats_on_filters_by_plan_and_audience_and_keeps_them_in_the_address(page: Page, site_url: str):
    page.goto(site_url + "whats-on/")
    form = page.locator("#ps-whats-on-filters")
    expect(form).to_be_visible()
    page.get_by_label("Plan", exact=True).select_option("southwark-edp-2002-07")
    page.get_by_label("For", exact=True).select_option(label="Governors")
    rows = page.locator(".ps-term tbody tr:visible")
    assert rows.count() > 0
    for plan in rows.evaluate_all("rows => rows.map(r => r.dataset.plan)"):
        assert plan == "southwark-edp-2002-07"
    expect(page.locator("#ps-filter-count")).to_have_text(f"{rows.count()} items shown.")
    assert "plan=southwark-edp-2002-07" in page.url and "audience=" in page.url
    shown = rows.count()
    page.reload()
    expect(page.locator("#ps-filter-count")).to_have_text(f"{shown} items shown.")


@pytest.mark.parametrize("path", [MIDDLESBROUGH, "whats-on/"])
def test_timelines_read_without_javascript(browser: Browser, site_url: str, path: str, screenshot_dir):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    note = page.locator("[data-now-note]").first
    expect(note).to_contain_text("when this page was built")
    if path == MIDDLESBROUGH:
        table = page.locator("table.ps-timeline")
        expect(table).to_be_visible()
        expect(table.locator("tbody th[scope=row]").first).to_contain_text("Three Member Briefings")
        expect(page.locator(".ps-undated")).to_contain_text("Annually")
    else:
        expect(page.locator("#ps-whats-on-filters")).to_be_hidden()
        expect(page.locator("#autumn-2014 tbody tr").first).to_be_visible()
    page.screenshot(path=str(screenshot_dir / f"nojs-{path.strip('/').replace('/', '_')}.png"))
    context.close()


def test_a_large_sites_whats_on_links_each_coming_term_to_its_page(page: Page, large_site_url: str, screenshot_dir):
    page.clock.set_fixed_time("2004-06-10T10:00:00")
    page.goto(large_site_url + "whats-on/")
    coming = page.locator("table.ps-term-index").first.locator("tbody tr")
    expect(coming.first.locator("th a")).to_have_text("Summer term 2004")
    count = int(coming.first.locator("td[data-label=Items]").inner_text())
    coming.first.locator("th a").click()
    expect(page).to_have_url(re.compile(r"/whats-on/summer-2004/$"))
    expect(page.locator("h1")).to_contain_text("What's on: Summer term 2004")
    expect(page.locator("[data-now-note]")).to_have_text("Today is 10 June 2004: this term is under way.")
    expect(page.locator(".ps-term .ps-term__status")).to_have_text("This term")
    assert page.locator("section.ps-term").count() == 1
    assert page.locator("section.ps-term tbody tr").count() == count
    page.screenshot(path=str(screenshot_dir / "whats-on-term-page.png"))


def test_a_term_page_says_when_its_term_is_over(page: Page, large_site_url: str):
    page.clock.set_fixed_time("2026-12-01T10:00:00")
    page.goto(large_site_url + "whats-on/summer-2004/")
    expect(page.locator("[data-now-note]")).to_have_text("Today is 1 December 2026: this term is over.")
    expect(page.locator(".ps-term .ps-term__status")).to_have_text("Past")


def test_a_large_sites_past_term_opens_in_the_explorer(page: Page, large_site_url: str):
    page.goto(large_site_url + "whats-on/")
    past = page.locator("table.ps-term-index").nth(1).locator("tbody tr").first
    expect(past.locator("th a")).to_contain_text("Spring term 2004")
    count = int(past.locator("td[data-label=Items]").inner_text())
    past.locator("th a").click()
    expect(page).to_have_url(re.compile(r"/explorer/\?term=spring-2004$"))
    expect(page.get_by_label("Term")).to_have_value("spring-2004")
    expect(page.locator("#x-count")).to_contain_text(" of 159")
    assert count > 0
