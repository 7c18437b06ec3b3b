"""Progress in the browser: "overdue" re-derived against today, roll-ups recounted; readable without JS."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import Browser, Page, expect

from ..helpers import PLAN, run_mkdocs_build, write
from .conftest import _QuietHandler


@pytest.fixture(scope="module")
def progress_site(tmp_path_factory):
    import shutil

    from ..helpers import ROOT

    project = tmp_path_factory.mktemp("progress")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    from ..helpers import MINIMAL_REGISTRY

    write(project / "plans" / "registry" / "r.yml", MINIMAL_REGISTRY)
    write(project / "plans" / "p.yml", PLAN)
    site = project / "site"
    result = run_mkdocs_build(project, site, SOURCE_DATE_EPOCH="1414800000")  # built on 1 November 2014
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/plans/test-plan/"
    server.shutdown()


def test_without_javascript_the_build_date_decides(browser: Browser, progress_site: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(progress_site)
    expect(page.locator("tr#visit span.ps-progress")).to_have_text("In progress")
    expect(page.locator(".ps-plan-rollup .ps-rollup__asof")).to_contain_text("1 November 2014")
    context.close()


def test_the_browser_rederives_overdue_against_today(page: Page, progress_site: str, screenshot_dir):
    page.clock.set_fixed_time("2015-03-01T10:00:00")
    page.goto(progress_site)
    expect(page.locator("tr#visit span.ps-progress")).to_have_text("Overdue")
    rollup = page.locator(".ps-plan-rollup [data-rollup]")
    expect(rollup.locator("li[data-progress=overdue]")).to_contain_text("Overdue: 1")
    expect(rollup.locator("li[data-progress=complete]")).to_contain_text("Complete or in place: 1")
    expect(rollup).to_contain_text("as of today, 1 March 2015")
    page.locator(".ps-plan-rollup").screenshot(path=str(screenshot_dir / "progress-2015-03-01.png"))
