"""Hostile plan text: nothing executes in the browser, template syntax shows literally."""

from __future__ import annotations

import io
import shutil

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page
from pypdf import PdfReader

from ..helpers import MINIMAL_REGISTRY, ROOT, run_mkdocs_build, set_plugin_options, write
from .conftest import served
from .helpers import overflow

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<a href="javascript:window.__pwned=3">click</a>',
    "[link](javascript:window.__pwned=4)",
    '<iframe src="data:text/html,<script>parent.__pwned=5</script>"></iframe>',
    '<svg onload="window.__pwned=6"></svg>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} {# c #}",
    '"><script>window.__pwned=7</script>',
    "x" * 5000,
]
HOSTILE = " ".join(PAYLOADS[:-1])


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


PLAN = f"""\
# yaml-language-server: $schema=../schema/plan.schema.json
id: hostile
title: {quoted("Plan " + HOSTILE)}
subtitle: {quoted(HOSTILE)}
organisation: testshire
kind: action-plan
status: adopted
status_text: {quoted(HOSTILE)}
summary: {quoted(HOSTILE)}
period: {quoted(HOSTILE)}
facts:
  - label: {quoted(HOSTILE)}
    value: {quoted(HOSTILE)}
source:
  title: {quoted(HOSTILE)}
  url: "javascript:window.__pwned=8"
  notes: [{quoted(HOSTILE)}]
links:
  - text: {quoted(HOSTILE)}
    url: "javascript:window.__pwned=9"
sections:
  - title: {quoted(HOSTILE)}
    body: {quoted(HOSTILE + " " + PAYLOADS[-1])}
indicators:
  - id: ind
    code: {quoted(HOSTILE)}
    description: {quoted(HOSTILE)}
    targets:
      - period: {quoted(HOSTILE)}
        value: 5
risks:
  - description: {quoted(HOSTILE)}
    impact: {quoted(HOSTILE)}
milestones:
  - text: {quoted(HOSTILE)}
    when: {quoted(HOSTILE)}
groups:
  - label: {quoted(HOSTILE[:60])}
    title: {quoted(HOSTILE)}
    text: {quoted(HOSTILE)}
    success_criteria: {quoted(HOSTILE)}
    actions:
      - label: {quoted("1) " + HOSTILE[:40])}
        text: {quoted(HOSTILE)}
        responsible: [{quoted(HOSTILE)}]
        audience: [{quoted(HOSTILE)}]
        monitoring: {quoted(HOSTILE)}
        timescale: {quoted("Autumn 2014 " + HOSTILE)}
        budget: {quoted(HOSTILE)}
        status: {{state: in-progress, text: {quoted(HOSTILE)}}}
        updates:
          - date: 2014-10-01
            text: {quoted(HOSTILE)}
"""


def build_hostile(project, **options):
    """The hostile plan's site in ``project``, built; ``options`` are plansite plugin options."""
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    set_plugin_options(project / "mkdocs.yml", **options)
    write(project / "plans" / "registry" / "r.yml", MINIMAL_REGISTRY)
    write(project / "plans" / "hostile.yml", PLAN)
    site = project / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = build_hostile(tmp_path_factory.mktemp("hostile"))
    with served(site) as url:
        yield site, url


PAGES = ["plans/hostile/", "", "whats-on/", "explorer/", "indicators/hostile/ind/", "who-does-what/"]


@pytest.mark.parametrize("path", PAGES)
def test_nothing_from_plan_text_becomes_markup(hostile_site, path):
    site, _ = hostile_site
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert article.find_all(["script", "iframe", "style", "img"]) == []
    svg_handlers = [el for el in article.find_all(True) if any(a.lower().startswith("on") for a in el.attrs)]
    assert svg_handlers == []
    for link in article.find_all("a", href=True):
        assert not link["href"].strip().lower().startswith(("javascript:", "data:")), link
    if path == "plans/hostile/":
        text = article.get_text()
        assert "{{ 7 * 7 }}" in text and "{% if true %}jinja{% endif %}" in text
        assert "<script>window.__pwned=1</script>" in text  # shown as text


@pytest.mark.parametrize("path", PAGES)
def test_nothing_executes_in_the_browser(page: Page, hostile_site, path):
    _, url = hostile_site
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + path)
    page.wait_for_timeout(300)
    for link in page.locator("article a").all()[:40]:
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert overflow(page) <= 0, "a 5,000-character word must not widen the page"


def test_the_printed_running_header_shows_a_hostile_title_as_text(page: Page, hostile_site):
    # The title reaches the page head as a CSS string (overrides/main.html); it must stay one string.
    site, url = hostile_site
    head = BeautifulSoup((site / "plans/hostile/index.html").read_text(encoding="utf-8"), "html.parser").head
    styles = [style.string for style in head.find_all("style") if "--ps-print-title" in (style.string or "")]
    assert len(styles) == 1 and "<" not in styles[0]
    assert head.find_all("script", string=lambda s: s and "__pwned" in s) == []
    page.goto(url + "plans/hostile/")
    pdf = page.pdf(format="A4", landscape=True)
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert first.startswith("Plan <script>window.__pwned=1</script>")
    assert page.evaluate("window.__pwned") is None


@pytest.fixture(scope="module")
def hostile_large_site_url(tmp_path_factory):
    """The hostile plan on a site laid out as large (``large_site: 0``): its explorer draws
    rows in the browser from actions.json, so the words pass through JavaScript."""
    site = build_hostile(tmp_path_factory.mktemp("hostile-large"), large_site=0)
    with served(site) as url:
        yield url


def test_rows_the_explorer_draws_show_hostile_words_as_text(page: Page, hostile_large_site_url: str):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_large_site_url + "explorer/")
    page.wait_for_function("document.querySelectorAll('#x-rows > tr').length > 0")
    page.wait_for_timeout(300)
    body = BeautifulSoup(page.inner_html("#x-rows"), "html.parser")
    assert body.find_all(["script", "iframe", "style", "img", "svg"]) == []
    assert [el for el in body.find_all(True) if any(a.lower().startswith("on") for a in el.attrs)] == []
    assert all(not a["href"].lower().startswith(("javascript:", "data:")) for a in body.find_all("a", href=True))
    assert "<script>window.__pwned=1</script>" in body.get_text()  # the words, shown as words
    assert page.evaluate("window.__pwned") is None and dialogs == []
