"""The plan-page cache (``mkdocs serve`` re-renders only plan pages whose inputs changed):
after each kind of edit, the cached build is byte-identical to a fresh one, and untouched
plans are not rendered again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import write_corpus
from generator.cache import BuildCache
from generator.pipeline import generate
from generator.render.pages.plan import LARGE_PLAN

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    # More actions than LARGE_PLAN, so that the cache also holds plans' sub-pages.
    return write_corpus(tmp_path / "corpus", plans=8, actions=LARGE_PLAN + 5, seed=3)


def fresh(plans: Path) -> dict[str, str]:
    return generate(plans).files  # a build of its own cache


def rerendered(cache: BuildCache, before: dict[str, tuple[str, dict[str, str]]]) -> set[str]:
    return {page for page, (key, _) in cache.plan_pages.items() if before.get(page, ("",))[0] != key}


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, pattern)
    path.write_text(changed, encoding="utf-8")


def referenced_plan(plans: Path) -> tuple[Path, str]:
    """A plan file that another plan refers to by ``ref: id#item`` or ``ref: id``, and its id."""
    for path in sorted(plans.glob("*.yml")):
        for target in re.findall(r"ref: ([a-z0-9-]+)", path.read_text(encoding="utf-8")):
            if (plans / f"{target}.yml").exists() and target != path.stem:
                return plans / f"{target}.yml", target
    raise AssertionError("the corpus has links between plans")


@pytest.mark.parametrize("change", ["action text", "referenced plan's title", "registry name", "nothing"])
def test_a_cached_build_equals_a_fresh_one_after_each_kind_of_edit(corpus, change):
    cache = BuildCache()
    generate(corpus, cache=cache)  # warm the cache
    target_file, target_id = referenced_plan(corpus)
    plain = next(p for p in sorted(corpus.glob("*.yml")) if p != target_file)
    if change == "action text":
        edit(plain, r"^(\s+text: )([A-Z][^\"'\n#:]*)$", r"\1Edited \2")
    elif change == "referenced plan's title":
        edit(target_file, r"^title: (.+)$", r"title: Renamed \1")
    elif change == "registry name":
        registry = sorted((corpus / "registry").glob("*.yml"))
        path = next(p for p in registry if re.search(r"^\s+name: ", p.read_text(encoding="utf-8"), re.MULTILINE))
        edit(path, r"^(\s+name: )(.+)$", r"\1Renamed \2")
    before = dict(cache.plan_pages)
    cached = generate(corpus, cache=cache).files
    again = rerendered(cache, before)
    assert cached == fresh(corpus)
    assert any(page.endswith("/who-does-what.md") for page in cached)
    pages = {f"plans/{p.stem}.md" for p in corpus.glob("*.yml")}
    if change == "nothing":
        assert again == set()
    elif change == "action text":
        assert f"plans/{plain.stem}.md" in again and len(again) < len(pages)
    elif change == "referenced plan's title":
        assert f"plans/{target_id}.md" in again
    else:
        assert again == pages  # the registry feeds every page
