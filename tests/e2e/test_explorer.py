"""The actions explorer in headless Chromium: filters, the address bar, keyboard, no-JS."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

HEAD = "role:southwark-head-of-school-improvement"


def visible_rows(page: Page) -> list[str]:
    return page.locator("#x-rows > tr:visible").evaluate_all("rows => rows.map(r => r.id)")


def test_two_filters_survive_a_reload(page: Page, site_url: str, screenshot_dir):
    page.goto(site_url + "explorer/")
    expect(page.locator("#ps-explorer")).to_be_visible()
    page.get_by_label("Plan", exact=True).select_option("southwark-edp-2002-07")
    page.get_by_label("Who is involved").select_option(HEAD)
    expect(page.locator("#x-count")).to_have_text("24 actions shown of 159.")
    rows = visible_rows(page)
    assert len(rows) == 24 and all(r.startswith("southwark-edp-2002-07--") for r in rows)
    assert "southwark-edp-2002-07--5.1-1" in rows and "southwark-edp-2002-07--5.3-2" not in rows
    assert "plan=southwark-edp-2002-07" in page.url and "who=role%3Asouthwark-head-of-school-improvement" in page.url
    page.reload()
    expect(page.locator("#x-count")).to_have_text("24 actions shown of 159.")
    assert visible_rows(page) == rows
    expect(page.get_by_label("Who is involved")).to_have_value(HEAD)
    page.screenshot(path=str(screenshot_dir / "explorer-filtered.png"))


def test_sorting_by_date_puts_undated_last(page: Page, site_url: str):
    page.goto(site_url + "explorer/?plan=southwark-edp-2002-07&sort=earliest")
    expect(page.locator("#x-count")).to_have_text("35 actions shown of 159.")
    rows = visible_rows(page)
    assert rows[0] == "southwark-edp-2002-07--5.3-2"  # June 2002
    assert rows[-1].startswith("southwark-edp-2002-07--")


def test_the_explorer_works_by_keyboard_alone(page: Page, site_url: str):
    page.goto(site_url + "explorer/")
    expect(page.locator("#ps-explorer")).to_be_visible()
    page.locator("#x-plan").focus()
    page.keyboard.press("ArrowDown")  # a select changes with the arrow keys
    expect(page.locator("#x-count")).not_to_have_text("159 actions shown of 159.")
    page.keyboard.press("ArrowUp")
    expect(page.locator("#x-count")).to_have_text("159 actions shown of 159.")
    reached = []
    for _ in range(25):  # Tab on through the form (date inputs take several stops)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused and (not reached or reached[-1] != focused):
            reached.append(focused)
        if focused == "x-text":
            break
    assert reached == ["x-organisation", "x-who", "x-audience", "x-term", "x-from", "x-to", "x-status", "x-text"]
    page.keyboard.type("Best Practice")
    expect(page.locator("#x-count")).not_to_have_text("159 actions shown of 159.")
    rows = visible_rows(page)
    assert "southwark-edp-2002-07--5.2-2" in rows and len(rows) < 10
    assert "q=Best+Practice" in page.url
    expect(page.locator("#x-count")).to_have_attribute("aria-live", "polite")


def test_without_javascript_the_whole_table_is_there(browser: Browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "explorer/")
    expect(page.locator("#ps-explorer")).to_be_hidden()
    assert page.locator("#x-rows > tr").count() == 159
    context.close()


def test_phone_hides_filtered_rows_too(browser: Browser, site_url: str, screenshot_dir):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "explorer/?plan=worcestershire-laa-delivery-plan-ni-94")
    expect(page.locator("#x-count")).to_have_text("4 actions shown of 159.")
    assert len(visible_rows(page)) == 4
    page.screenshot(path=str(screenshot_dir / "explorer-phone.png"), full_page=False)
    context.close()


# --- a large site: no row per action on the page; the explorer draws them from its data ---


def drawn_rows(page: Page) -> list[str]:
    return page.locator("#x-rows > tr").evaluate_all("rows => rows.map(r => r.id)")


def test_a_large_sites_explorer_draws_the_rows_its_filters_pick(page: Page, large_site_url: str, screenshot_dir):
    page.goto(large_site_url + "explorer/?plan=southwark-edp-2002-07&who=" + HEAD)
    expect(page.locator("#x-count")).to_have_text(
        "24 actions match of 159; the first 20 are shown. Narrow the filters, or show more."
    )
    rows = drawn_rows(page)
    assert len(rows) == 20 and all(r.startswith("southwark-edp-2002-07--") for r in rows)
    assert "southwark-edp-2002-07--5.1-1" in rows
    first = page.locator("#x-rows > tr").first
    link = first.locator("td[data-label=Action] a")
    assert link.get_attribute("href") == "../plans/southwark-edp-2002-07/#" + rows[0].partition("--")[2]
    expect(first.locator("td[data-label=Plan]")).to_contain_text("Education Development Plan 2002-2007 · Activity 5.")
    page.get_by_role("button", name="Show more").click()
    expect(page.locator("#x-count")).to_have_text("24 actions match of 159.")
    assert len(drawn_rows(page)) == 24
    expect(page.get_by_role("button", name="Show more")).to_be_hidden()
    page.screenshot(path=str(screenshot_dir / "explorer-large.png"))
    link = page.locator("#x-rows > tr").first.locator("td[data-label=Action] a")
    link.click()
    expect(page).to_have_url(re.compile(r"/plans/southwark-edp-2002-07/#"))
    assert page.evaluate("id => !!document.getElementById(id)", page.url.rpartition("#")[2])


def test_a_large_sites_explorer_sorts_and_searches_words_as_a_small_one(page: Page, large_site_url: str, site_url: str):
    for query in (
        "?plan=southwark-edp-2002-07&sort=earliest",
        "?q=Best+Practice",
        "?audience=headteachers&sort=latest",
    ):
        page.goto(site_url + "explorer/" + query)
        page.wait_for_function("document.getElementById('x-count').textContent !== ''")
        small = visible_rows(page)[:20]
        page.goto(large_site_url + "explorer/" + query)
        page.wait_for_function("document.getElementById('x-count').textContent !== ''")
        assert drawn_rows(page) == small and small, query
