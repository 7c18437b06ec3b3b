"""Every plan prints as a committee paper on A4: Chromium prints it to PDF and the test reads
the PDF back (pypdf), page by page. The PDFs are kept in test-artifacts/ to look at."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from generator.pipeline import load_and_resolve
from generator.site_map import plan_page

from ..helpers import PLANS

CATALOGUE, _ = load_and_resolve(PLANS)
PLANS_BY_ID = {plan.id: plan for plan in CATALOGUE.plans}


def printed(page: Page, url: str) -> tuple[bytes, list[str]]:
    page.goto(url)
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    return pdf, [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("plan_id", sorted(PLANS_BY_ID))
def test_each_sheet_carries_the_title_date_and_page_number(page: Page, site_url: str, screenshot_dir, plan_id):
    plan = PLANS_BY_ID[plan_id]
    url = site_url + plan_page(plan_id).removesuffix(".md") + "/"
    pdf, sheets = printed(page, url)
    (screenshot_dir / f"print-{plan_id}.pdf").write_bytes(pdf)
    assert len(sheets) >= 2
    dated = next((getattr(plan, name) for name in ("published", "revised", "prepared") if getattr(plan, name)), None)
    for number, text in enumerate(sheets, start=1):
        head = " ".join(text.split())
        assert plan.title in head, f"sheet {number} lacks the plan title"
        assert f"Page {number} of {len(sheets)}" in head
        assert "Printed from the site as built on" in head
        if dated is not None:
            assert dated.text in head, f"sheet {number} lacks the plan's date"
    # The site's navigation, search and footer are not printed.
    everything = " ".join(" ".join(sheets).split())
    assert "Search" not in everything.split()
    assert "Accessibility statement" not in everything


def test_print_layout_keeps_rows_whole_and_repeats_headers(page: Page, site_url: str):
    page.goto(site_url + "plans/southwark-edp-2002-07/")
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => ({
          row: getComputedStyle(document.querySelector('table.ps-actions tbody tr')).breakInside,
          head: getComputedStyle(document.querySelector('table.ps-actions thead')).display,
          first: getComputedStyle(document.querySelector('table.ps-actions tbody tr:first-child')).breakBefore,
          caption: getComputedStyle(document.querySelector('table.ps-actions caption')).breakAfter,
          timeline: getComputedStyle(document.querySelector('table.ps-timeline tbody tr')).breakInside,
          header: getComputedStyle(document.querySelector('.md-header')).display,
          sidebar: getComputedStyle(document.querySelector('.md-sidebar--primary')).display,
        })"""
    )
    assert styles == {
        "row": "avoid",
        "head": "table-header-group",
        "first": "avoid",
        "caption": "avoid",
        "timeline": "avoid",
        "header": "none",
        "sidebar": "none",
    }


def test_a_printed_link_shows_where_it_goes(page: Page, site_url: str):
    page.goto(site_url + "plans/essex-school-improvement-model-2017/")
    page.evaluate(
        """() => {
          const p = document.createElement('p');
          p.innerHTML = 'See <a href="https://www.example.gov.uk/committee/paper-7">the committee paper</a>.';
          document.querySelector('article h1').after(p);
        }"""
    )
    pdf = page.pdf(format="A4", landscape=True)
    first = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert re.search(r"the committee paper \(https://www\.example\.gov\.uk/committee/paper-7\)", first), first[:400]
