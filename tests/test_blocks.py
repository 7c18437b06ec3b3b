"""generator/blocks.py: finished HTML lifted out of generated Markdown comes back unchanged."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest

from generator.pipeline import load_and_resolve
from generator.render.html_blocks import lift, restore
from generator.render.site import render_site

from .helpers import PLANS

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop

EXTENSIONS = ["toc", "attr_list", "admonition", "tables"]  # as in mkdocs.yml


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def squeeze(html: str) -> str:
    """The HTML without blank lines (placeholders stand in their own paragraphs)."""
    return "\n".join(line for line in html.split("\n") if line.strip())


def test_top_level_blocks_are_lifted_and_restored():
    text = '# Title\n\nSome *words*.\n\n<div class="a">\n<div>inner</div>\n\n<p>x</p>\n</div>\nMore words.\n\n<table>\n<tr><td>1</td></tr>\n</table>\n'
    lifted, blocks = lift(text)
    assert blocks == ['<div class="a">\n<div>inner</div>\n\n<p>x</p>\n</div>', "<table>\n<tr><td>1</td></tr>\n</table>"]
    assert "inner" not in lifted and "<!--plansite:block:0-->" in lifted and "<!--plansite:block:1-->" in lifted
    assert "<em>words</em>" in convert(lifted)
    assert squeeze(restore(convert(lifted), blocks)) == squeeze(convert(text))


def test_code_fences_and_unbalanced_html_stay_markdown():
    text = "```\n<div>\n```\n\n<div>\nnever closed\n"
    lifted, blocks = lift(text)
    assert blocks == [] and lifted == text


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    catalogue, problems = load_and_resolve(PLANS)
    assert problems == []
    return {k: v for k, v in render_site(catalogue, dt.date(2014, 11, 20)).items() if k.endswith(".md")}


def test_every_generated_page_converts_to_the_same_html(pages):
    lifted_any = 0
    for path, text in sorted(pages.items()):
        lifted, blocks = lift(text)
        lifted_any += bool(blocks)
        assert squeeze(restore(convert(lifted), blocks)) == squeeze(convert(text)), path
        assert not re.search(r"<!--plansite:block:\d+-->", restore(convert(lifted), blocks)), path
    assert lifted_any > 20, "the plan, party and listing pages are mostly HTML blocks"
