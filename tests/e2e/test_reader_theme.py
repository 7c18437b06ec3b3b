"""The theme's share of issue 16 (overrides/: plansite.css, plansite.js, main.html, 404.html)
in headless Chromium: axe clean in the light and the dark scheme, no page wider than a
phone, a visible focus ring on every tab stop and no permalink among them, timelines and
matrices that say they scroll, "This term" in a calm colour, the explorer (control borders,
day-first dates, a caption that follows the filters, no layout shift, whole words, CSV of
the results), the 404 page, and print (grid rows whole with their label on every sheet,
whole words, themes after the title, a light page from the dark scheme)."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import re
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from ..helpers import ROOT, run_mkdocs_build
from .conftest import _QuietHandler, served
from .helpers import CHECKED, PAGES, PLAN_IDS, overflow, result_for, search, violations
from .test_plan_views import PLAN as LARGE_PLAN
from .test_plan_views import large_site  # noqa: F401  (a fixture: a site with a plan large enough for sub-pages)

SOUTHWARK = "plans/southwark-edp-2002-07/"
SALFORD = "plans/salford-post-ofsted-action-plan-2004/"
MIDDLESBROUGH = "plans/middlesbrough-school-improvement-scrutiny-2014/"
WORCESTERSHIRE = "worcestershire-laa-delivery-plan-ni-94"

EXTRA_PAGES = [
    "plans/southwark-edp-2002-07/history/",
    "404.html",
    "people/julie-cordiner/",
    "organisations/middlesbrough-council/",
    "teams/southwark-eet/",
]
"""Page types the light-scheme axe run of test_accessibility does not visit."""
READER_PAGES = PAGES + EXTRA_PAGES
LARGE_PAGES = ["", "whats-on/", "whats-on/autumn-2004/", "explorer/", SALFORD]
"""A large site's own page types (a term's page, the explorer drawing its rows)."""
PHONES = (320, 360, 375, 390)


def contrast(first: list[float], second: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        def channel(value: float) -> float:
            value /= 255
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        red, green, blue = (channel(v) for v in rgb[:3])
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


RGB = """c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }"""


@pytest.fixture
def dark(browser: Browser):
    """A page whose reader's system asks for the dark scheme (Material follows it: slate)."""
    context = browser.new_context(color_scheme="dark")
    yield context.new_page()
    context.close()


def schemed(browser: Browser, scheme: str, **options):
    return browser.new_context(color_scheme=scheme, **options)


# --- 1. Both schemes first-class -------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390, 320])
@pytest.mark.parametrize("path", READER_PAGES)
def test_no_wcag_violations_in_the_dark_scheme(dark: Page, site_url: str, path: str, width: int):
    dark.set_viewport_size({"width": width, "height": 900})
    dark.goto(site_url + path)
    assert dark.evaluate("document.body.dataset.mdColorScheme") == "slate"
    found = violations(dark)
    CHECKED.append((f"{path or '(home)'} (dark)", width, len(found)))
    assert found == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", EXTRA_PAGES)
def test_no_wcag_violations_in_the_light_scheme_on_the_other_pages(page: Page, site_url: str, path: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + path)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    found = violations(page)
    CHECKED.append((path, width, len(found)))
    assert found == []


@pytest.mark.parametrize("path", ["", "whats-on/autumn-2004/", "explorer/"])
def test_no_wcag_violations_on_a_large_site_in_the_dark_scheme(dark: Page, large_site_url: str, path: str):
    dark.set_viewport_size({"width": 390, "height": 900})
    dark.goto(large_site_url + path)
    found = violations(dark)
    CHECKED.append((f"large site {path or '(home)'} (dark)", 390, len(found)))
    assert found == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["", "who-does-what/", "timeline/"])
def test_a_large_plan_and_its_sub_pages_in_the_dark_scheme(dark: Page, large_site: str, path: str, width: int):  # noqa: F811
    dark.set_viewport_size({"width": width, "height": 900})
    dark.goto(large_site + LARGE_PLAN + path)
    found = violations(dark)
    CHECKED.append((f"{LARGE_PLAN}{path} (a large plan, dark)", width, len(found)))
    assert found == []


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_no_wcag_violations_in_search_results_in_the_dark_scheme(dark: Page, site_url: str, width: int):
    dark.set_viewport_size({"width": width, "height": 900})
    search(dark, site_url, "Best Practice")
    result_for(dark, "southwark-edp-2002-07", "5.2-2")
    found = violations(dark)
    CHECKED.append(("search results (dark)", width, len(found)))
    assert found == []


@pytest.fixture(scope="module")
def report_site(tmp_path_factory):
    """Issue 18's schema fixture (a plan, its appendix of criteria, a monitoring report on the
    plan), built with the project's docs and theme: the bundled plans have no report."""
    root = tmp_path_factory.mktemp("reports")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "tests" / "fixtures" / "assessment" / "plans", root / "plans")
    result = run_mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    with served(root / "site") as url:
        yield url


REPORT_PAGES = [
    "plans/testshire-monitoring-report-2004/",
    "plans/testshire-improvement-plan/",
    "plans/testshire-improvement-plan-appendix/",
]
"""A monitoring report, the plan it reports on (its latest progress, a link to the report), an appendix of criteria."""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390, 320])
@pytest.mark.parametrize("path", REPORT_PAGES)
def test_a_monitoring_report_and_its_plan_in_both_schemes(
    browser: Browser, report_site: str, path: str, width: int, scheme: str
):
    context = schemed(browser, scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(report_site + path)
    expect(page.locator("article h1")).to_contain_text("Testshire")
    found = violations(page)
    CHECKED.append((f"{path} ({scheme})", width, len(found)))
    context.close()
    assert found == []


@pytest.mark.parametrize("path", REPORT_PAGES)
def test_a_monitoring_report_and_its_plan_fit_a_phone(page: Page, report_site: str, path: str):
    assert overflow_at_phone_widths(page, report_site + path) == {}


def test_the_report_and_its_plan_link_each_other(page: Page, report_site: str):
    page.goto(report_site + REPORT_PAGES[0])
    glance = page.locator("dl.ps-glance")
    glance.get_by_role("link", name=re.compile("post-inspection plan", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/plans/testshire-improvement-plan/$"))
    page.locator("dl.ps-glance").get_by_role("link", name=re.compile("monitoring report", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"/plans/testshire-monitoring-report-2004/$"))


def test_the_dark_scheme_check_can_fail(dark: Page, site_url: str):
    """A light band under the dark scheme's light text, as every table header had."""
    dark.goto(site_url + SOUTHWARK)
    dark.evaluate(
        """() => { const p = document.createElement('p');
           p.textContent = 'A header cell on a light band'; p.style.background = '#f5f5f5';
           document.querySelector('article h1').after(p); }"""
    )
    assert any(v.startswith("color-contrast") for v in violations(dark))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_shaded_band_follows_the_scheme(browser: Browser, site_url: str, scheme: str):
    """The band (table headers, filters) is light in the light scheme and dark in the dark:
    it was set on :root from Material's light value and stayed light."""
    context = schemed(browser, scheme)
    page = context.new_page()
    page.goto(site_url + SOUTHWARK)
    band, text = page.evaluate(
        f"""() => {{ const rgb = {RGB}; const th = document.querySelector('table.ps-actions thead th');
            return [rgb(getComputedStyle(th).backgroundColor), rgb(getComputedStyle(th).color)]; }}"""
    )
    assert contrast(band, text) >= 4.5
    assert (sum(band[:3]) / 3 > 200) == (scheme == "light"), band
    context.close()


# --- 2. Reflow ---------------------------------------------------------------------------


def overflow_at_phone_widths(page: Page, url: str) -> dict[int, int]:
    page.set_viewport_size({"width": PHONES[-1], "height": 800})
    page.goto(url)
    wider = {}
    for width in PHONES:
        page.set_viewport_size({"width": width, "height": 800})
        page.wait_for_function("w => window.innerWidth === w", arg=width)
        over = overflow(page)
        if over > 0:
            wider[width] = over
    return wider


@pytest.mark.parametrize("path", READER_PAGES)
def test_no_page_is_wider_than_a_phone(page: Page, site_url: str, path: str):
    assert overflow_at_phone_widths(page, site_url + path) == {}, (
        f"{path or '(home)'} is wider than the screen (px over, by width)"
    )


@pytest.mark.parametrize("path", LARGE_PAGES)
def test_no_large_site_page_is_wider_than_a_phone(page: Page, large_site_url: str, path: str):
    assert overflow_at_phone_widths(page, large_site_url + path) == {}


@pytest.mark.parametrize("path", ["", "who-does-what/", "timeline/"])
def test_no_large_plan_page_is_wider_than_a_phone(page: Page, large_site: str, path: str):  # noqa: F811
    assert overflow_at_phone_widths(page, large_site + LARGE_PLAN + path) == {}


def test_the_reflow_check_can_fail(page: Page, site_url: str):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site_url + SOUTHWARK)
    page.evaluate(
        "document.querySelector('.ps-criteria').style.gridTemplateColumns = 'repeat(auto-fit, minmax(18rem, 1fr))'"
    )
    assert overflow(page) > 0


# --- 3. Focus ----------------------------------------------------------------------------

FOCUS = (
    """() => {
  const rgb = """
    + RGB
    + """;
  if (document.getAnimations().some(a => a.playState === 'running')) return 'busy';
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  const key = el.outerHTML.slice(0, 200);
  if (el.classList.contains('md-option') && el.nextElementSibling) el = el.nextElementSibling;  // its label shows the ring
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const width = parseFloat(cs.outlineWidth) || 0, offset = parseFloat(cs.outlineOffset) || 0;
  const inside = offset < 0;  // a ring drawn inside the box sits on the box's own background
  const hidden = e => { for (; e && e.nodeType === 1; e = e.parentElement) { const s = getComputedStyle(e); if (s.opacity === '0' || s.visibility === 'hidden') return true; } return false; };
  const behind = (x, y) => {
    const stack = document.elementsFromPoint(x, y).filter(e => inside ? (e === el || !el.contains(e)) : (e !== el && !el.contains(e)));
    if (!stack.length) return null;
    const layers = [];
    for (const e of stack) { if (hidden(e)) continue; const c = rgb(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let out = (rgb(getComputedStyle(document.body).backgroundColor) || [255, 255, 255]).slice(0, 3);
    for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]);
    return out;
  };
  const d = inside ? offset - 1 : offset + width + 1;
  const points = [[r.left - d, r.top + r.height / 2], [r.right + d, r.top + r.height / 2], [r.left + r.width / 2, r.top - d], [r.left + r.width / 2, r.bottom + d]]
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
  return { key, name: (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
           headerlink: el.classList.contains('headerlink'), style: cs.outlineStyle, width, ring: rgb(cs.outlineColor),
           around: points.map(([x, y]) => behind(x, y)).filter(Boolean),
           shown: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.left < innerWidth && r.top < innerHeight && !hidden(el) };
}"""
)


def tab_stops(page: Page, most: int = 600) -> list[dict]:
    """Every stop that Tab reaches from the top of the page, once round."""
    stops: list[dict] = []
    for _ in range(most):
        page.keyboard.press("Tab")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        info = page.evaluate(FOCUS)
        while info == "busy":  # Material's search opening or closing: wait for it to settle
            page.wait_for_timeout(50)
            info = page.evaluate(FOCUS)
        if info is None or (stops and info["key"] == stops[0]["key"]):
            break
        stops.append(info)
    return stops


def ring_problems(stops: list[dict]) -> list[str]:
    problems = []
    for stop in stops:
        where = f"{stop['name']!r} ({stop['key'][:80]})"
        if not stop["shown"]:
            problems.append(f"{where}: focus on something not on screen")
        elif stop["style"] in ("none", "hidden") or stop["width"] < 2:
            problems.append(f"{where}: ring {stop['style']} {stop['width']}px")
        else:
            low = [
                round(contrast(stop["ring"], colour), 2)
                for colour in stop["around"]
                if contrast(stop["ring"], colour) < 3
            ]
            if low:
                problems.append(f"{where}: ring {stop['ring']} only {min(low)}:1 against its surroundings")
    return problems


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", SOUTHWARK, "explorer/", "404.html"])
def test_every_tab_stop_shows_a_ring(browser: Browser, site_url: str, path: str, scheme: str, width: int):
    context = schemed(browser, scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + path)
    stops = tab_stops(page)
    assert len(stops) > 5
    assert ring_problems(stops) == []
    context.close()


def test_the_ring_check_can_fail(page: Page, site_url: str):
    page.goto(site_url)
    page.add_style_tag(content="a:focus-visible { outline: 1px dotted #ddd !important; }")
    assert any("ring" in problem for problem in ring_problems(tab_stops(page)))


def test_permalinks_are_out_of_the_tab_order_but_still_there(page: Page, site_url: str):
    page.goto(site_url + SOUTHWARK)
    permalinks = page.locator("article a.headerlink")
    assert permalinks.count() >= 10
    stops = tab_stops(page)
    assert not [stop for stop in stops if stop["headerlink"]]
    # the page's own tab stops: its links and controls, once each, no permalink
    expected = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex], label[for]')]
                 .filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length
                              && getComputedStyle(e).visibility !== 'hidden' && !e.closest('[hidden]')).length"""
    )
    assert 0 < len(stops) <= expected
    print(f"Southwark at 1280 px: {len(stops)} tab stops; {permalinks.count()} permalinks, none of them a stop")
    # still shown on hover, and still a link to the heading
    heading = page.locator("article h2[id]").first
    heading.hover()
    link = heading.locator("a.headerlink")
    expect(link).to_be_visible()
    # shown by a fade: wait for it rather than read it mid-transition
    page.wait_for_function(
        "a => parseFloat(getComputedStyle(a).opacity) > 0.5", arg=link.element_handle(), timeout=3000
    )
    link.click()
    assert page.url.endswith("#" + heading.get_attribute("id"))


# --- 4. "This term" ----------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_this_term_is_marked_calmly_not_as_an_error(browser: Browser, site_url: str, scheme: str, screenshot_dir):
    context = schemed(browser, scheme, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time("2004-10-15T10:00:00")
    page.goto(site_url + "whats-on/")
    badge = page.locator(".ps-term[data-status='current'] .ps-term__status")
    expect(badge).to_have_text("This term")
    text, background, border = badge.evaluate(
        f"""b => {{ const rgb = {RGB}; const s = getComputedStyle(b);
            return [rgb(s.color), rgb(s.backgroundColor), rgb(getComputedStyle(b.closest('.ps-term')).borderLeftColor)]; }}"""
    )
    assert contrast(text, background) >= 4.5
    for colour in (text, background, border):  # no red: red clearly above green and blue
        red, green, blue = colour[:3]
        assert not (red > green + 60 and red > blue + 60), f"{colour} reads as an error's red"
    # the note links to this term
    link = page.locator("[data-now-note] a")
    expect(link).to_have_text("Go to this term: Autumn term 2004")
    assert link.get_attribute("href") == "#autumn-2004"
    badge.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / f"whats-on-this-term-{scheme}.png"))
    context.close()


# --- 5 and 6. Timelines and matrices that scroll -----------------------------------------


def scroller_state(page: Page, selector: str) -> dict:
    wrap = page.locator(selector).first
    # plansite.js measures a box (its cue, a timeline's opening column) as the reader nears it
    wrap.scroll_into_view_if_needed()
    page.wait_for_function(
        "w => w.parentElement.style.getPropertyValue('--ps-wrap-width') !== ''", arg=wrap.element_handle(), timeout=5000
    )
    return wrap.evaluate(
        """wrap => { const box = wrap.parentElement, hint = box.previousElementSibling;
           const table = wrap.querySelector('table');
           const head = table.querySelector('thead tr > :first-child').getBoundingClientRect();
           const body = table.querySelector('tbody tr > :first-child:not([colspan])').getBoundingClientRect();
           const caption = table.querySelector('caption').getBoundingClientRect();
           return { scrolls: wrap.scrollWidth > wrap.clientWidth, left: wrap.scrollLeft,
             box: box.className, right: box.hasAttribute('data-more-right'), leftMore: box.hasAttribute('data-more-left'),
             hint: hint && hint.classList.contains('ps-scroll-hint') && !hint.hidden ? hint.textContent : null,
             hintId: hint ? hint.id : null, describedby: wrap.getAttribute('aria-describedby'),
             headLeft: head.left, bodyLeft: body.left, headWidth: head.width, bodyWidth: body.width,
             captionLeft: caption.left, wrapLeft: wrap.getBoundingClientRect().left, wrapRight: wrap.getBoundingClientRect().right }; }"""
    )


def in_view_beside_the_sticky_column(column: dict, state: dict) -> bool:
    """The column is wholly in view right of the sticky first column and, unless the box is
    scrolled to its end, starts just right of it."""
    sticky_right = state["bodyLeft"] + state["bodyWidth"]
    seen = column["x"] >= sticky_right - 2 and column["x"] + column["width"] <= state["wrapRight"] + 1
    return seen and (abs(column["x"] - sticky_right) <= 2 or not state["right"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_timeline_opens_at_today_and_says_it_scrolls(
    browser: Browser, site_url: str, scheme: str, screenshot_dir
):
    context = schemed(browser, scheme, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.clock.set_fixed_time("2003-10-15T10:00:00")  # Autumn 2003, inside Southwark's timeline
    page.goto(site_url + SOUTHWARK)
    state = scroller_state(page, ".ps-timeline-wrap")
    assert state["scrolls"] and state["box"] == "ps-scroller"
    assert state["hint"] == "Scroll sideways for more terms. →"
    assert state["describedby"] == state["hintId"]  # spoken with the region
    assert state["right"] and state["leftMore"]
    # today's column is in view beside the sticky first column, as far left as it can be
    today = page.locator("table.ps-timeline thead th.ps-now")
    expect(today).to_contain_text("Autumn 2003")
    assert in_view_beside_the_sticky_column(today.bounding_box(), state)
    # the header's first cell and the caption stay with the sticky column
    assert abs(state["headLeft"] - state["bodyLeft"]) <= 1 and abs(state["headWidth"] - state["bodyWidth"]) <= 1
    assert state["captionLeft"] >= state["wrapLeft"] - 1
    # bars read at a glance: tall enough, 3:1 against their cell
    bar = page.locator("table.ps-timeline .ps-tl-bar--exact, table.ps-timeline .ps-tl-bar--approx").first
    height, edge, cell = bar.evaluate(
        f"""b => {{ const rgb = {RGB}; let e = b.parentElement, bg = null;
            for (; e; e = e.parentElement) {{ const c = rgb(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) {{ bg = c; break; }} }}
            return [b.getBoundingClientRect().height, rgb(getComputedStyle(b).borderTopColor), bg]; }}"""
    )
    assert height >= 16 and contrast(edge, cell) >= 3
    page.locator(".ps-timeline-block").screenshot(path=str(screenshot_dir / f"timeline-phone-{scheme}.png"))
    context.close()


def test_a_phone_timeline_outside_today_opens_at_its_first_column_with_entries(page: Page, site_url: str):
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.set_fixed_time("2030-01-10T10:00:00")  # after the timeline, and after the build date
    page.goto(site_url + MIDDLESBROUGH)
    first = page.evaluate(
        """() => { const t = document.querySelector('table.ps-timeline'); const heads = [...t.querySelectorAll('thead th')];
           const filled = i => [...t.querySelectorAll('tbody tr')].some(r => r.children.length === heads.length && r.children[i].children.length);
           const i = heads.findIndex((h, i) => h.dataset.start && filled(i)); return heads[i].textContent.trim(); }"""
    )
    column = page.locator("table.ps-timeline thead th", has_text=first).first
    state = scroller_state(page, ".ps-timeline-wrap")
    assert state["scrolls"]
    assert in_view_beside_the_sticky_column(column.bounding_box(), state)


def test_a_wide_matrix_says_it_scrolls_and_its_cue_follows_the_scroll(page: Page, site_url: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + MIDDLESBROUGH)
    state = scroller_state(page, ".ps-matrix-wrap")
    assert state["scrolls"], "Middlesbrough's matrix is wider than its column at 1280 px"
    assert state["hint"] == "Scroll sideways for more parts of the plan. →"
    assert state["right"] and not state["leftMore"]
    page.locator(".ps-matrix-wrap").evaluate(
        "w => { w.scrollLeft = w.scrollWidth; w.dispatchEvent(new Event('scroll')); }"
    )
    page.wait_for_function(
        "() => document.querySelector('.ps-matrix-wrap').parentElement.hasAttribute('data-more-left')"
    )
    state = scroller_state(page, ".ps-matrix-wrap")
    assert not state["right"] and state["leftMore"]
    assert abs(state["headLeft"] - state["bodyLeft"]) <= 1  # the names' header stays above the names
    # a cue is drawn: the edge's shadow fades in
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.ps-matrix-wrap').parentElement, '::before').opacity === '1'"
    )


def test_a_matrix_that_fits_has_no_cue(page: Page, site_url: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + f"plans/{WORCESTERSHIRE}/")
    state = scroller_state(page, ".ps-matrix-wrap")
    assert not state["scrolls"] and state["hint"] is None and not state["right"]


# --- 7. The explorer ---------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_explorer_controls_have_visible_borders(browser: Browser, site_url: str, scheme: str):
    context = schemed(browser, scheme)
    page = context.new_page()
    page.goto(site_url + "explorer/")
    expect(page.locator("#ps-explorer")).to_be_visible()
    found = page.evaluate(
        f"""() => {{ const rgb = {RGB}; const form = document.getElementById('ps-explorer');
            const band = rgb(getComputedStyle(form).backgroundColor);
            return [...form.querySelectorAll('input, select')].map(c => {{ const s = getComputedStyle(c);
              return [c.id, s.borderTopStyle, parseFloat(s.borderTopWidth), rgb(s.borderTopColor), band]; }}); }}"""
    )
    assert {name for name, *_ in found} >= {"x-plan", "x-from", "x-to", "x-text"}
    for name, style, width, colour, band in found:
        assert style == "solid" and width >= 1, name
        assert contrast(colour, band) >= 3, f"{name}: border {colour} on {band}"
    context.close()


def test_explorer_dates_are_day_first(page: Page, site_url: str):
    page.goto(site_url + "explorer/?from=2003-09-01")
    date = page.locator("#x-from")
    expect(date).to_have_value("01/09/2003")
    assert date.get_attribute("type") == "text"
    hint = page.locator("#" + date.get_attribute("aria-describedby").split()[0])
    expect(hint).to_have_text("dd/mm/yyyy")
    page.locator("#x-to").fill("31/3/2004")
    page.locator("#x-to").press("Tab")
    expect(page.locator("#x-to")).to_have_value("31/03/2004")
    expect(page).to_have_url(re.compile(r"from=2003-09-01&to=2004-03-31"))
    shown = page.locator("#x-rows > tr:visible").count()
    assert 0 < shown < 159
    page.locator("#x-to").fill("31/02/2004")  # no such day
    page.locator("#x-to").press("Tab")
    expect(page.locator("#x-to")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#x-to-error")).to_be_visible()
    expect(page.locator("#x-to-error")).to_have_text("Enter a date as dd/mm/yyyy, for example 15/03/2004.")


def test_explorer_caption_and_count_follow_the_filters(page: Page, site_url: str):
    page.goto(site_url + f"explorer/?plan={WORCESTERSHIRE}")
    caption = page.locator("table.ps-explorer-table caption")
    expect(caption).to_have_text("Actions matching your filters (4 of 159)")
    expect(page.locator("#x-count")).to_have_text("4 actions shown of 159.")
    page.get_by_role("button", name="Clear filters").click()
    expect(caption).to_have_text("All actions (159)")
    expect(page.locator("#x-count")).to_have_text("159 actions shown of 159.")
    page.locator("#x-sort").select_option("latest")  # an order is not a filter
    expect(caption).to_have_text("All actions (159)")


def test_a_large_sites_explorer_caption_follows_the_filters(page: Page, large_site_url: str):
    page.goto(large_site_url + "explorer/?plan=southwark-edp-2002-07")
    expect(page.locator("table.ps-explorer-table caption")).to_have_text("Actions matching your filters (35 of 159)")


def test_without_its_data_the_explorer_hides_the_filters_it_showed(page: Page, site_url: str):
    """The filters show from the first paint; if actions.json cannot be had, they go again."""
    page.route("**/actions.json", lambda route: route.abort())
    page.goto(site_url + "explorer/")
    expect(page.locator("#ps-explorer")).to_be_hidden()
    assert page.locator("#x-rows > tr:visible").count() == 159


LAYOUT_SHIFT = """window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });"""


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_explorer_does_not_shift_as_it_loads(browser: Browser, site_url: str, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.add_init_script(LAYOUT_SHIFT)
    page.goto(site_url + "explorer/")
    expect(page.locator("#x-count")).to_have_text("159 actions shown of 159.")
    page.wait_for_timeout(500)
    shift = page.evaluate("window.__cls")
    print(f"explorer at {size[0]}x{size[1]}: cumulative layout shift {shift:.4f}")
    assert shift < 0.1
    context.close()


SPLIT_WORDS = """root => { const split = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) { const node = walker.currentNode; const re = /[A-Za-z]{2,}/g; let m;
    if (!node.parentElement.getClientRects().length) continue;
    while ((m = re.exec(node.nodeValue))) { const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
      if (lines.size > 1) split.push(m[0]); } }
  return split; }"""


@pytest.mark.parametrize("width", [1280, 1024, 800, 390])
def test_explorer_names_are_never_broken_mid_word(page: Page, site_url: str, width: int):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_url + "explorer/")
    expect(page.locator("#x-count")).to_have_text("159 actions shown of 159.")
    assert page.locator("table.ps-explorer-table").evaluate(SPLIT_WORDS) == []


def test_the_mid_word_check_can_fail(page: Page, site_url: str):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "explorer/")
    page.add_style_tag(content=".md-typeset .ps-table-wrap a { word-break: break-all; }")
    assert page.locator("table.ps-explorer-table").evaluate(SPLIT_WORDS) != []


def site_csv(site: Path) -> tuple[list[str], dict[tuple[str, str], dict]]:
    rows = list(csv.DictReader(io.StringIO((site / "actions.csv").read_text(encoding="utf-8-sig"))))
    return list(rows[0]), {(row["plan_id"], row["action_id"]): row for row in rows}


def downloaded(page: Page) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download these results (CSV)").click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_explorer_downloads_the_filtered_rows_as_csv(page: Page, site_url: str, built_site: Path):
    page.goto(
        site_url + "explorer/?plan=southwark-edp-2002-07&who=role:southwark-head-of-school-improvement&sort=latest"
    )
    expect(page.locator("#x-count")).to_have_text("24 actions shown of 159.")
    shown = page.locator("#x-rows > tr:visible").evaluate_all("rows => rows.map(r => r.id)")
    name, data = downloaded(page)
    assert name == "actions-filtered.csv"
    assert data.startswith(b"\xef\xbb\xbf")  # as the site's own file, for spreadsheets
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    header, everything = site_csv(built_site)
    assert list(rows[0]) == header
    assert [f"{row['plan_id']}--{row['action_id']}" for row in rows] == shown  # in the order shown
    assert all(row == everything[(row["plan_id"], row["action_id"])] for row in rows)
    # byte for byte the site's lines
    site_lines = set((built_site / "actions.csv").read_bytes().split(b"\r\n"))
    assert all(line in site_lines for line in data.split(b"\r\n"))


def test_a_large_sites_csv_has_every_match_not_only_the_rows_drawn(page: Page, large_site_url: str):
    page.goto(large_site_url + "explorer/?plan=southwark-edp-2002-07&who=role:southwark-head-of-school-improvement")
    expect(page.locator("#x-count")).to_contain_text("24 actions match of 159; the first 20 are shown")
    _, data = downloaded(page)
    assert len(list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))) == 24


# --- 8. 404 ------------------------------------------------------------------------------


class _NotFoundHandler(_QuietHandler):
    """A host that answers a missing address with the site's 404.html, as static hosts do."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def host_url(built_site: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_NotFoundHandler, directory=str(built_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def test_the_404_page_offers_a_search_and_the_ways_on(page: Page, site_url: str):
    response = page.goto(site_url + "404.html")
    assert response is not None and response.ok
    expect(page.locator("article h1")).to_have_text("Page not found")
    assert page.title() == "Page not found - Published plans"
    search = page.get_by_role("search").filter(has=page.locator("#ps-notfound-q"))
    expect(search.get_by_label("Search the plans")).to_have_attribute("name", "q")
    ways = {link.inner_text(): link.get_attribute("href") for link in page.locator(".ps-notfound-ways a").all()}
    assert set(ways) == {"Every published plan", "What's on", "Actions explorer"}
    for text, href in ways.items():
        reply = page.request.get(site_url + href.lstrip("/"))
        assert reply.ok, text


def test_a_missing_address_shows_the_404_page_and_its_search_works(page: Page, host_url: str):
    response = page.goto(host_url + "plans/no-such-plan/at/all/")
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("Page not found")
    expect(page.locator(".md-header")).to_be_visible()  # styled: the theme's files load from a deep address
    page.get_by_role("link", name="What's on").last.click()
    expect(page.locator("article h1")).to_have_text(re.compile("^What's on"))
    page.go_back()
    page.locator("#ps-notfound-q").fill("Best Practice")
    page.locator("#ps-notfound-q").press("Enter")
    expect(page).to_have_url(re.compile(r"\?q=Best\+Practice"))
    expect(page.locator(".md-search-result__item").first).to_be_visible()


# --- 9. Print ----------------------------------------------------------------------------


def sheets_of(page: Page, landscape: bool = False) -> tuple[bytes, list[str]]:
    pdf = page.pdf(format="A4", landscape=landscape, print_background=True)
    return pdf, [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


def squeezed(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


PRINTED_GRID_ROWS = """() => [...document.querySelectorAll('table.ps-grid > tbody > tr')]
  .filter(row => getComputedStyle(row).display !== 'none')
  .map(row => [row.children[0].textContent.trim(), [...row.querySelectorAll('li')].map(li => li.textContent.trim())])"""


def grid_rows_split(page: Page, sheets: list[str]) -> list[str]:
    """Each printed grid row on one sheet with its label: the problems found."""
    page.emulate_media(media="print")
    rows = page.evaluate(PRINTED_GRID_ROWS)
    page.emulate_media(media="null")
    assert rows
    flat = [squeezed(sheet) for sheet in sheets]
    problems = []
    for label, items in rows:
        wanted = [squeezed(item)[:40] for item in items]
        home = next((i for i, sheet in enumerate(flat) if wanted and wanted[0] in sheet), None)
        if home is None:
            problems.append(f"{label}: first action not found in the PDF")
            continue
        if squeezed(label) not in flat[home]:
            problems.append(f"{label}: its label is not on sheet {home + 1}")
        problems += [f"{label}: {item[:30]} not on sheet {home + 1}" for item in wanted if item not in flat[home]]
    return problems


@pytest.mark.parametrize("landscape", [False, True])
def test_printed_grid_rows_stay_whole_with_their_label(page: Page, site_url: str, screenshot_dir, landscape: bool):
    page.goto(site_url + SALFORD)
    pdf, sheets = sheets_of(page, landscape)
    (screenshot_dir / f"print-salford-{'landscape' if landscape else 'portrait'}.pdf").write_bytes(pdf)
    assert grid_rows_split(page, sheets) == []
    assert any("(continued)" in sheet for sheet in sheets)  # a long priority carries on under its name


def test_the_whole_row_check_can_fail(page: Page, site_url: str):
    page.goto(site_url + SALFORD)
    page.evaluate(
        """() => { document.querySelectorAll('tr.ps-print-row').forEach(r => r.remove());
                   document.querySelectorAll('tr.ps-screen-row').forEach(r => r.classList.remove('ps-screen-row'));
                   const s = document.createElement('style'); s.textContent = '@media print { .md-typeset .ps-grid tr { break-inside: auto !important; } }';
                   document.head.append(s); }"""
    )
    _, sheets = sheets_of(page)
    assert grid_rows_split(page, sheets) != []


def words_split_in_print(page: Page, landscape: bool) -> list[str]:
    """Words of the PDF's text that are not words of the page: halves of a word broken over lines."""
    known = set(
        page.evaluate(
            """() => [(w => { const t = []; while (w.nextNode()) t.push(w.currentNode.nodeValue); return t.join(' '); })(
                          document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)),
                      ...[...document.querySelectorAll('[data-label]')].map(e => e.dataset.label),
                      ...[...document.querySelectorAll('a[href^="http"], a[href^="mailto:"]')].map(a => a.href),
                      ...['title', 'date', 'built'].map(n => getComputedStyle(document.documentElement).getPropertyValue('--ps-print-' + n))]
                     .join(' ').match(/[A-Za-z]{2,}/g).map(w => w.toLowerCase())"""
        )
    )
    known |= {"page", "of"}  # "Page 1 of 9" in the sheets' margins; the other strings are the page's
    _, sheets = sheets_of(page, landscape)
    return sorted({word for word in re.findall(r"[A-Za-z]{2,}", " ".join(sheets)) if word.lower() not in known})


@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_printed_words_are_never_broken(page: Page, site_url: str, plan_id: str, landscape: bool):
    """On paper a matrix column shows only its label ("a)"): Middlesbrough's 13 columns fit a
    landscape sheet, where their words cut the last header."""
    page.goto(site_url + f"plans/{plan_id}/")
    assert words_split_in_print(page, landscape) == []


def test_the_broken_word_check_can_fail(page: Page, site_url: str):
    page.goto(site_url + SALFORD)
    page.add_style_tag(content="@media print { .md-typeset .ps-grid td { word-break: break-all !important; } }")
    assert words_split_in_print(page, False) != []


def test_themes_print_after_the_title_not_above_it(page: Page, site_url: str):
    page.goto(site_url + SOUTHWARK)
    themes = page.locator(".md-tags .md-tag").all_inner_texts()
    assert themes
    page.emulate_media(media="print")
    assert page.locator("article .md-tags").evaluate("e => getComputedStyle(e).display") == "none"
    title, line = (page.locator(selector).bounding_box() for selector in ("article h1", ".ps-print-themes"))
    assert line["y"] > title["y"] + title["height"] - 1  # the themes' line follows the title
    page.emulate_media(media="null")
    _, sheets = sheets_of(page)
    assert "Themes: " + ", ".join(themes) + "." in " ".join(sheets[0].split())


def test_the_dark_scheme_prints_dark_text_on_white(dark: Page, site_url: str):
    dark.goto(site_url + SOUTHWARK)
    dark.emulate_media(media="print", color_scheme="dark")
    text, background, muted = dark.evaluate(
        f"""() => {{ const rgb = {RGB};
            return [rgb(getComputedStyle(document.querySelector('article p')).color), rgb(getComputedStyle(document.body).backgroundColor),
                    rgb(getComputedStyle(document.querySelector('.ps-meta dt')).color)]; }}"""
    )
    assert sum(background[:3]) / 3 > 250
    assert contrast(text, [255, 255, 255]) >= 7 and contrast(muted, [255, 255, 255]) >= 4.5


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_scheme_switch_follows_the_system_then_the_readers_choice(browser: Browser, site_url: str, scheme: str):
    """plansite's own switch (overrides/partials/javascripts/palette.html): the system's
    scheme at first, a click or Enter switches and says so, and the choice holds on the
    next page and against the system's setting."""
    context = schemed(browser, scheme)
    page = context.new_page()
    try:
        body = page.locator("body")
        first, other = ("default", "slate") if scheme == "light" else ("slate", "default")
        page.goto(site_url)
        expect(body).to_have_attribute("data-md-color-scheme", first)
        expect(page.locator("meta[name=color-scheme]")).to_have_attribute("content", scheme)
        toggle = page.locator("form[data-ps-palette] label:visible")
        expect(toggle).to_have_count(1)
        expect(toggle).to_have_attribute(
            "title", "Switch to dark mode" if scheme == "light" else "Switch to light mode"
        )
        toggle.click()
        expect(body).to_have_attribute("data-md-color-scheme", other)
        page.goto(site_url + SOUTHWARK)
        expect(body).to_have_attribute("data-md-color-scheme", other)  # the reader's choice holds
        page.locator("form[data-ps-palette] input").first.focus()  # a keyboard user's tab stop
        page.keyboard.press("Enter")
        expect(body).to_have_attribute("data-md-color-scheme", first)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["plans/salford-post-ofsted-action-plan-2004/history/", SOUTHWARK, "relations/"])
def test_a_long_title_ends_where_its_words_end(browser: Browser, site_url: str, path: str):
    """The title's hidden permalink wrapped to a line of its own: an empty band under a
    two-line title on a phone."""
    context = schemed(browser, "light", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_url + path)
        gap = page.evaluate(
            """() => { const h = document.querySelector('article h1'), range = document.createRange();
                 range.selectNodeContents(h); const link = h.querySelector('.headerlink');
                 if (link) range.setEndBefore(link);
                 const rects = [...range.getClientRects()].filter(r => r.width > 0);
                 return h.getBoundingClientRect().bottom - Math.max(...rects.map(r => r.bottom)); }"""
        )
        assert gap < 8, f"{gap:.0f} px of the title's box below its last line of words"
    finally:
        context.close()


def test_the_relations_diagram_keeps_readable_words_on_a_phone(browser: Browser, site_url: str):
    """Scaled to a 390 px screen, the diagram's 13 px words were 6 px: it keeps its size and
    scrolls sideways in a region a keyboard can reach."""
    context = schemed(browser, "light", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(site_url + "relations/")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.ps-relations svg text')]
                 .map(t => t.getBoundingClientRect().height).filter(h => h > 0)"""
        )
        assert sizes and min(sizes) >= 10, sizes
        region = page.locator(".ps-relations-scroll")
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        assert overflow(page) <= 0
    finally:
        context.close()
