"""A large plan (more than LARGE_PLAN actions) in headless Chromium: its page and
its matrix and timeline sub-pages render at desktop and phone widths with no sideways
scrolling and no WCAG 2.2 A/AA violations, and a reader goes from one to the other."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bench.corpus import write_corpus, write_mkdocs
from generator.render.pages.plan import LARGE_PLAN

from ..helpers import run_mkdocs_build
from .conftest import served
from .helpers import CHECKED, WIDTHS, overflow, violations

PLAN = "plans/dunham-county-council-post-inspection-action-plan-0001/"


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("large")
    write_corpus(root, plans=2, actions=LARGE_PLAN + 10, seed=1)
    config = write_mkdocs(root)
    result = run_mkdocs_build(root, root / "site", SOURCE_DATE_EPOCH="1767225600")
    assert result.returncode == 0, result.stderr
    assert config.exists() and (root / "site" / PLAN / "who-does-what" / "index.html").exists()
    with served(root / "site") as url:
        yield url


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("path", ["", "who-does-what/", "timeline/"])
def test_a_large_plan_and_its_sub_pages_are_accessible(
    page: Page, large_site: str, path: str, width_name: str, screenshot_dir: Path
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(large_site + PLAN + path)
    assert response is not None and response.ok
    over = overflow(page)
    assert over <= 0, f"{path or 'the plan page'} is {over}px wider than the screen"
    page.screenshot(path=str(screenshot_dir / f"large-plan-{path.strip('/') or 'page'}-{width_name}.png"))
    found = violations(page)
    CHECKED.append((f"{PLAN}{path} (a large plan)", WIDTHS[width_name], len(found)))
    assert found == []
    assert errors == []


def test_reader_goes_from_the_plan_to_its_matrix_and_back_to_an_action(page: Page, large_site: str):
    page.goto(large_site + PLAN + "#who-does-what")
    page.locator("#who-does-what ~ .ps-view-link a").first.click()
    expect(page.locator("article h1")).to_contain_text("Who does what:")
    cell = page.locator("table.ps-matrix tbody td span.ps-r").first
    drawn = cell.evaluate("span => getComputedStyle(span, '::before').content")
    assert drawn.startswith('"R') and drawn.endswith('/ ""'), drawn  # the letter, with no words for screen readers
    page.locator("table.ps-matrix thead th a").nth(
        1
    ).focus()  # by keyboard: the link's hidden full name spans the table
    page.keyboard.press("Enter")
    expect(page).to_have_url(large_site + PLAN + "#1.2")
    expect(page.locator("table.ps-actions").first).to_be_visible()


def test_the_timeline_sub_page_marks_today(page: Page, large_site: str):
    page.clock.set_fixed_time("2004-01-15T10:00:00")
    page.goto(large_site + PLAN + "timeline/")
    expect(page.locator(".ps-timeline-block [data-now-note]")).to_contain_text("Today is 15 January 2004")
