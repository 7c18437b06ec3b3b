"""generator/packed.py and how the plugin uses it: files held packed come out as the same
bytes, and a built page's HTML is let go once it is written."""

from __future__ import annotations

import json
import shutil

import pytest

from generator.pipeline import generate
from generator.render.packed import Packed, held, joined

from .helpers import PLANS, ROOT, run_mkdocs_build, set_config

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop

EPOCH = "1416441600"  # 20 November 2014, so that the build and generate() agree on the date


@pytest.mark.parametrize("content", ["plain", "Spring term – 2005 · “quoted” 😀", b"\x00\xff raw bytes", ""])
def test_packed_content_comes_back_as_it_went_in(content):
    packed = Packed(content)
    raw = content.encode("utf-8") if isinstance(content, str) else content
    assert packed.bytes() == raw and packed.size == len(raw)
    if isinstance(content, str):
        assert packed.text() == content
    assert packed == Packed(raw) and held(packed, pack=True) is packed and held(raw, pack=False) is raw


def test_joined_chunks_are_the_bytes_one_after_another_packed_or_not():
    chunks = [b'{"actions":[', "“é”".encode() * 500, b"]}\n"]
    assert joined(iter(chunks), pack=False) == b"".join(chunks)
    together = joined(iter(chunks), pack=True)
    assert together.bytes() == b"".join(chunks) and together == Packed(b"".join(chunks))


def test_packed_contents_differ_when_their_bytes_do():
    assert Packed("a page") != Packed("a page.") and Packed("x") != "x"


def test_a_large_page_is_held_in_a_fraction_of_its_size():
    page = "<tr><td>Review the authority's attendance strategy.</td><td>Spring 2005</td></tr>\n" * 2000
    assert len(Packed(page)._data) < len(page) / 8


HOOKS = """
import json

seen = []

def on_page_context(context, page, config, nav):
    seen.append((page, "<!--plansite:block:" in page.content))
    return context

def on_post_build(config):
    held = sum(len(page.content) for page, _ in seen)
    with open(config.config_file_path.replace("mkdocs.yml", "held.json"), "w") as out:
        json.dump({"held": held, "placeholders": [p.file.src_uri for p, shown in seen if shown]}, out)
"""


@pytest.fixture(scope="module")
def hooked_build(tmp_path_factory):
    """The real site built with a hook that records each page's HTML as its template sees
    it, and how much HTML the pages still hold once the whole site is written."""
    project = tmp_path_factory.mktemp("hooked")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copytree(PLANS, project / "plans")
    (project / "hooks.py").write_text(HOOKS, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    set_config(project / "mkdocs.yml", hooks=["hooks.py"])
    site = project / "site"
    result = run_mkdocs_build(project, site, SOURCE_DATE_EPOCH=EPOCH)
    assert result.returncode == 0, result.stderr
    return project, site


def test_templates_see_whole_pages_and_written_pages_let_their_html_go(hooked_build):
    project, site = hooked_build
    record = json.loads((project / "held.json").read_text(encoding="utf-8"))
    assert record["placeholders"] == []
    written = sum(path.stat().st_size for path in site.rglob("*.html"))
    # What pages hold after the build is their HTML without the finished blocks.
    assert record["held"] < written / 10, record["held"]


def test_data_files_are_written_as_generated(hooked_build, monkeypatch):
    project, site = hooked_build
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    generated = generate(project / "plans")
    data = [path for path in generated.files if not path.endswith(".md")]
    assert any(path.endswith(".ics") for path in data) and "plans.json" in data and "actions.csv" in data
    for path in data:
        assert (site / path).read_bytes() == generated.files[path].bytes(), path
