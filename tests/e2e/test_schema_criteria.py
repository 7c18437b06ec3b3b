"""Issue 18 in the browser: success criteria re-derived against today like actions, their
roll-up apart from the actions', the latest reported progress linked to the report's row,
and pages that fit a 320 px screen, light and dark."""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import Browser, Page, expect

from ..assessment import ASSESSMENT, PLAN, REPORT
from ..conftest import ROOT, run_mkdocs_build
from .conftest import served

CSS = (ROOT / "overrides" / "assets" / "stylesheets" / "plansite.css").read_text(encoding="utf-8")
NARROW_GRID = pytest.mark.xfail(
    "minmax(min(18rem, 100%)" not in CSS,
    reason="the criteria/evaluation grid's 18rem columns are wider than 320 px (fixed on branch css16)",
    strict=True,
)
DARK_BAND = pytest.mark.xfail(
    not re.search(r'\[data-md-color-scheme="slate"\] \{[^}]*--ps-band', CSS),
    reason="in the dark scheme, table bands keep the light scheme's colour (fixed on branch css16)",
    strict=True,
)


@pytest.fixture(scope="module")
def assessment_url(tmp_path_factory):
    """The fixture site of tests/fixtures/assessment, built on 15 September 2004."""
    project = tmp_path_factory.mktemp("assessment")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ASSESSMENT, project / "plans")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    site = project / "site"
    result = run_mkdocs_build(project, site, SOURCE_DATE_EPOCH="1095206400")
    assert result.returncode == 0, result.stderr
    with served(site) as url:
        yield url


def test_without_javascript_the_build_date_decides(browser: Browser, assessment_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(assessment_url + f"plans/{PLAN}/")
    expect(page.locator("tr[id='criterion-1.4-3.4'] span.ps-progress")).to_have_text("Overdue")
    criteria = page.locator(".ps-plan-header [data-rollup]")
    expect(criteria).to_have_count(1)  # the actions report nothing: one line says so
    expect(criteria).to_contain_text("Progress of all 3 success criteria")
    expect(criteria).to_contain_text("15 September 2004")
    context.close()


def test_the_browser_rederives_criteria_against_today(page: Page, assessment_url: str, screenshot_dir):
    page.clock.set_fixed_time("2004-05-01T10:00:00")
    page.goto(assessment_url + f"plans/{PLAN}/")
    expect(page.locator("tr[id='criterion-1.4-3.4'] span.ps-progress")).to_have_text("In progress")
    rollup = page.locator(".ps-plan-header [data-rollup]")
    expect(rollup.locator("li[data-progress=in-progress]")).to_contain_text("In progress: 1")
    expect(rollup.locator("li[data-progress=complete]")).to_contain_text("Complete or in place: 1")
    expect(rollup).to_contain_text("as of today, 1 May 2004")
    page.locator(".ps-plan-header").screenshot(path=str(screenshot_dir / "criteria-rollup-2004-05-01.png"))


def test_the_latest_reported_progress_leads_to_the_reports_row(page: Page, assessment_url: str):
    page.goto(assessment_url + f"plans/{PLAN}/")
    page.locator("tr[id='rec-1-1.2'] .ps-reported a").click()
    expect(page).to_have_url(assessment_url + f"plans/{REPORT}/#progress-report-rec-1-2")
    row = page.locator("tr#progress-report-rec-1-2")
    expect(row).to_be_in_viewport()
    expect(row).to_contain_text("Four of six reviews held.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path",
    [
        pytest.param(f"plans/{PLAN}/", marks=NARROW_GRID),
        f"plans/{REPORT}/",
        "whats-on/",
        "teams/testshire-review-group/",
    ],
)
def test_the_new_parts_fit_a_phone(browser: Browser, assessment_url: str, path: str, scheme: str):
    context = browser.new_context(viewport={"width": 320, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(assessment_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path} is {overflow}px wider than a 320px screen"
    context.close()


@pytest.mark.parametrize("scheme", ["light", pytest.param("dark", marks=DARK_BAND)])
@pytest.mark.parametrize("path", [f"plans/{PLAN}/", f"plans/{REPORT}/", "teams/testshire-review-group/"])
def test_no_wcag_violations_on_the_new_parts(browser: Browser, assessment_url: str, path: str, scheme: str):
    from .test_accessibility import CHECKED, violations

    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(assessment_url + path)
    found = violations(page)
    CHECKED.append((f"{path} ({scheme}, fixture)", 390, len(found)))
    context.close()
    assert found == []
