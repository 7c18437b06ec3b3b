"""A plan's history page in headless Chromium: renders at desktop and phone widths with no
sideways scrolling, no WCAG 2.2 A/AA violations, and is reached from the plan page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .helpers import WIDTHS, overflow, violations

PLAN = "plans/southwark-edp-2002-07/"


@pytest.mark.parametrize("width_name", WIDTHS)
def test_history_page_renders_and_is_accessible(page: Page, site_url: str, width_name: str, screenshot_dir):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(site_url + PLAN + "history/")
    assert response is not None and response.ok
    expect(page.locator("article h1")).to_contain_text("Changes to Education Development Plan 2002-2007")
    over = overflow(page)
    assert over <= 0, f"the history page is {over}px wider than the screen"
    page.screenshot(path=str(screenshot_dir / f"history-{width_name}.png"), full_page=True)
    assert violations(page) == []
    assert errors == []


def test_reader_goes_from_a_plan_to_what_has_changed(page: Page, site_url: str):
    page.goto(site_url + PLAN)
    page.get_by_role("link", name="What has changed").click()
    expect(page.locator("article h1")).to_contain_text("Changes to")
    # Either the list of changes, or (a shallow clone) a note that history is unavailable.
    expect(page.locator(".ps-history-entry, .ps-history-unavailable").first).to_be_visible()
