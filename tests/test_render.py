"""generator/render.py: filters, sanitising, URLs, and a golden page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.model.registry import Acronym, Registry
from generator.model.wording import css_string
from generator.pipeline import load_and_resolve
from generator.render.filters import Abbreviator, Filters
from generator.render.settings import Settings
from generator.render.site import render_site
from generator.resolve.catalogue import Catalogue
from generator.site_map import page_url, relative_url

from .helpers import BUILD_DATE, MINIMAL_REGISTRY, minimal_plan, write

GOLDEN = Path(__file__).parent / "fixtures" / "golden"


@pytest.fixture
def filters() -> Filters:
    registry = Registry(
        acronyms=[
            Acronym(term="SENCO", expansion="Special Educational Needs Coordinator"),
            Acronym(term="SIP", expansion="School Improvement Partner"),
            Acronym(term="EET", expansion="Not expanded in the published plan"),
        ]
    )
    return Filters(Catalogue(plans=[], registry=registry, sources={}), directory_urls=True)


def test_text_is_escaped_and_acronyms_marked(filters):
    html = str(filters.text('<script>alert("x")</script> SENCOs & SIP'))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.get_text() == '<script>alert("x")</script> SENCOs & SIP'
    abbrs = {a.get_text(): a["title"] for a in soup.find_all("abbr")}
    assert abbrs == {"SENCOs": "Special Educational Needs Coordinator", "SIP": "School Improvement Partner"}


def test_unexpanded_acronyms_are_not_marked(filters):
    assert "<abbr" not in str(filters.text("Annual report to EET"))


def test_acronyms_inside_words_and_code_are_left_alone(filters):
    html = str(filters.markdown("SIPS and `SIP` and GOSSIP and SIP-led"))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all("abbr") == []


def test_markdown_is_sanitised(filters):
    html = str(
        filters.markdown(
            "Hello <script>alert(1)</script> [a](javascript:alert(1)) <img src=x onerror=alert(1)>"
            ' <a href="https://example.org" onclick="x()">ok</a> <iframe src="https://evil"></iframe>'
            ' <span style="position:fixed">styled</span>'
        )
    )
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all(["script", "img", "iframe", "style"]) == []
    links = soup.find_all("a")
    assert [link.get("href") for link in links] == [None, "https://example.org"]
    assert all(not attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    assert soup.find(attrs={"style": True}) is None


def test_markdown_keeps_lettered_lists(filters):
    soup = BeautifulSoup(str(filters.markdown("Includes:\n\na. One\nb. Two\nc. Three\n")), "html.parser")
    ordered = soup.find("ol")
    assert ordered["type"] == "a"
    assert [li.get_text() for li in ordered.find_all("li")] == ["One", "Two", "Three"]


def test_md_text_escapes_markdown_and_html(filters):
    assert str(filters.md_text("5.1 *Bold* [x](y) <b> {#id}")) == r"5\.1 \*Bold\* \[x\]\(y\) &lt;b&gt; \{\#id\}"


def test_template_syntax_in_plan_text_is_not_evaluated(tmp_path):
    root = tmp_path / "plans"
    write(root / "registry" / "r.yml", MINIMAL_REGISTRY)
    write(root / "p.yml", minimal_plan(rest='summary: "{{ 7 * 7 }} {% raw %} {# c #}"\n'))
    catalogue, problems = load_and_resolve(root)
    assert problems == []
    page = render_site(catalogue, BUILD_DATE)["plans/test-plan.md"]
    assert "{{ 7 * 7 }} {% raw %} {# c #}" in page
    assert "49" not in page


@pytest.mark.parametrize(
    "page, directory_urls, url",
    [
        ("index.md", True, ""),
        ("plans/x.md", True, "plans/x/"),
        ("plans/x.md", False, "plans/x.html"),
        ("glossary.md", True, "glossary/"),
        ("plans/x.ics", True, "plans/x.ics"),
    ],
)
def test_page_url(page, directory_urls, url):
    assert page_url(page, directory_urls) == url


@pytest.mark.parametrize(
    "target, source, expected",
    [
        ("plans/x/", "", "plans/x/"),
        ("", "plans/x/", "../../"),
        ("plans/y/#a", "plans/x/", "../y/#a"),
        ("plans/x.html", "index.html", "plans/x.html"),
        ("index.html", "plans/x.html", "../index.html"),
    ],
)
def test_relative_url(target, source, expected):
    assert relative_url(target, source) == expected


def test_small_formatters(filters):
    assert filters.date(dt.date(2014, 12, 9)) == "9 December 2014"
    assert filters.money(Decimal("3000")) == "£3,000"
    assert filters.money(Decimal("450.5")) == "£450.50"
    assert filters.label("in-place") == "In place"
    assert filters.safe_url("javascript:alert(1)") == ""
    assert filters.safe_url(" JavaScript:alert(1)") == ""
    assert filters.safe_url("https://example.org/x") == "https://example.org/x"
    assert filters.anchor("N/A") == "N_2fA"
    assert filters.anchor("OfSTED") != filters.anchor("OFSTED")


def test_abbreviator_leaves_attributes_and_links_alone():
    abbreviate = Abbreviator({"SIP": "School Improvement Partner"})
    assert (
        abbreviate('<p title="SIP">SIP</p>') == '<p title="SIP"><abbr title="School Improvement Partner">SIP</abbr></p>'
    )
    assert (
        abbreviate('<a href="x">SIP</a> SIPs')
        == '<a href="x">SIP</a> <abbr title="School Improvement Partner">SIPs</abbr>'
    )


def test_golden_page(request):
    """A fixture plan using every field renders to the reviewed Markdown."""
    catalogue, problems = load_and_resolve(GOLDEN / "plans")
    assert problems == []
    pages = render_site(catalogue, BUILD_DATE)
    for name, text in pages.items():
        data = text.encode("utf-8") if isinstance(text, str) else text  # the explorer's JSON is bytes
        expected = GOLDEN / "expected" / name
        if request.config.getoption("--update-golden"):
            expected.parent.mkdir(parents=True, exist_ok=True)
            expected.write_bytes(data)
        assert expected.exists(), f"run pytest --update-golden to create {expected}"
        assert data == expected.read_bytes(), f"{name} differs from {expected}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Plan 2002-2007", '"Plan 2002-2007"'),
        ('say "hi"', '"say \\22 hi\\22 "'),
        ("a\\b", '"a\\5c b"'),
        ("</style><script>x</script>", '"\\3c /style\\3e \\3c script\\3e x\\3c /script\\3e "'),
        ("line\nbreak & more", '"line\\a break \\26  more"'),
    ],
)
def test_css_string_keeps_text_inside_one_css_string(value, expected):
    assert css_string(value) == expected


def test_a_grid_column_with_an_open_ended_action_takes_the_periods_own_dates(tmp_path):
    # "From April 2004" has a start and no end: the column falls back to the period's dates.
    from generator.pipeline import generate

    from .helpers import MINIMAL_REGISTRY, minimal_plan

    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "r.yml").write_text(MINIMAL_REGISTRY, encoding="utf-8")
    plan = minimal_plan(
        "grid",
        periods="""\
        periods:
          - {id: p1, label: "April 2004 - June 2004", start: "2004-04-01", end: "2004-06-30"}
        groups:
          - label: "1"
            actions:
              - {label: a, text: Open ended, timescale: From April 2004, period: p1}
        """,
    )
    (tmp_path / "grid.yml").write_text(plan, encoding="utf-8")
    page = generate(tmp_path).text("plans/grid.md")
    header = BeautifulSoup(page, "html.parser").find("th", string="April 2004 - June 2004")
    assert (header["data-start"], header["data-end"]) == ("2004-04-01", "2004-06-30")


def test_a_large_site_keeps_its_plans_out_of_the_sidebar():
    from generator.render.site import site_nav

    from .helpers import PLANS

    catalogue, _ = load_and_resolve(PLANS)
    sections = lambda nav: [next(iter(item)) for item in nav]  # noqa: E731
    small = site_nav(catalogue)
    assert "Plans" in sections(small) and len(small[sections(small).index("Plans")]["Plans"]) == 5
    large = site_nav(catalogue, Settings(large_site=4))
    assert "Plans" not in sections(large) and sections(large)[0] == "Home"
    assert len(large) == len(small) - 1
