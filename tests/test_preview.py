"""The editor's preview (``mkdocs serve``): a rebuild after a save writes only what the save
changed and leaves the same site as a fresh build; a broken plan keeps the last good site,
shows its problems on every page and prints them at every rebuild, repeated or not.

``Serve`` runs MkDocs' serve builds in this process, without the web server: the first
build as ``mkdocs serve`` makes it, then each rebuild as its file watcher asks for it
(``mkdocs.commands.serve.build``, which the plugin's ``on_serve`` takes over).
"""

from __future__ import annotations

import filecmp
import gc
import json
import re
import threading
import time
from pathlib import Path

import mkdocs.commands.serve as serve_command
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from bench.corpus import dump, mkdocs_config, write_corpus
from generator.cache import BuildCache
from generator.pipeline import generate
from generator.preview import PROBLEMS_FILE, Preview, SearchDocs
from generator.problems import PlanErrors
from generator.render.pages.plan import LARGE_PLAN

SERVE_URL = "http://127.0.0.1:8000/"
ALWAYS_WRITTEN = {"search/search_index.json", PROBLEMS_FILE, "tags.json"}
"""Written by every serve build: the search index (put back together), the problems, the tags export
(and, with Pagefind, its index: ``pagefind/``)."""


def _plugin_cache() -> dict:
    """MkDocs keeps a plugin with ``on_startup`` for the life of the process: a new serve
    session here starts with a new plugin, as a new ``mkdocs serve`` would."""
    return next(option.plugin_cache for name, option in MkDocsConfig._schema if name == "plugins")


class Serve:
    """``mkdocs serve`` of ``project`` into ``site``, without the web server."""

    def __init__(self, project: Path, site: Path) -> None:
        _plugin_cache().clear()
        self.config_file, self.site = project / "mkdocs.yml", site
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site))
        config.site_url = SERVE_URL
        self.plugins = dict(_plugin_cache())
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=SERVE_URL)
        config.plugins["plansite"].preview.settle()
        config.plugins.on_serve(object(), config=config, builder=self.rebuild)
        self.first = config
        self.plugin = config.plugins["plansite"]
        self.builds = 0
        """Builds the last ``rebuild`` made."""

    def _config(self) -> MkDocsConfig:
        # This session's plugins, whatever session ran last in this process.
        _plugin_cache().clear()
        _plugin_cache().update(self.plugins)
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def rebuild(self) -> set[str]:
        """Rebuild as ``mkdocs serve`` does after a save, and again while the preview asks for
        it (the whole site, after a build of the changed plans' pages); the files written (or removed)."""
        before = times(self.site)
        self.builds = 0
        while True:
            self.build_once()
            self.plugin.preview.settle()  # the whole site after a quick build, Pagefind's index
            if self.plugin.preview.made is None:
                break
        after = times(self.site)
        return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}

    def build_once(self) -> None:
        """One build, as ``mkdocs serve``'s file watcher asks for it; its jobs go on in the background."""
        serve_command.build(self._config(), serve_url=SERVE_URL, dirty=False)
        self.builds += 1

    def close(self) -> None:
        self.first.plugins.on_shutdown()

    def __enter__(self) -> Serve:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def differences(one: Path, other: Path) -> list[str]:
    """Files that differ between two site folders, or are in one only."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp) -> None:
        where = Path(compared.left).relative_to(one)
        found.extend(str(where / name) for name in compared.left_only + compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(compared.left, compared.right, compared.common_files, shallow=False)
        found.extend(str(where / name) for name in mismatch + errors)
        for sub in compared.subdirs.values():
            walk(sub)

    walk(filecmp.dircmp(one, other))
    return sorted(found)


def written_as(path: str) -> str:
    """Where MkDocs writes a generated file: ``plans/x.md`` → ``plans/x/index.html``."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    return "index.html" if stem == "index" else stem.removesuffix("/index") + "/index.html"


def fresh_build(project: Path, site: Path) -> Path:
    """A serve session's first build of ``project`` as it is now."""
    Serve(project, site).close()
    return site


def edit(path: Path, pattern: str, replacement: str) -> str:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, pattern)
    path.write_text(changed, encoding="utf-8")
    return text


ACTION_TEXT = r"^(\s+- label: .+\n\s+text: )([A-Z][^\"'\n#:|>]*)$"
"""An action's text on one line, after its label."""


def corpus_project(root: Path, large: bool = False) -> Path:
    """Six plans of more than ``LARGE_PLAN`` actions (so plans have sub-pages), as a project
    with mkdocs.yml; ``large``: laid out as a large site."""
    write_corpus(root, plans=6, actions=LARGE_PLAN + 5, seed=7)
    config = mkdocs_config(root)
    if large:
        for entry in config["plugins"]:
            if isinstance(entry, dict) and "plansite" in entry:
                entry["plansite"]["large_site"] = 3
    (root / "mkdocs.yml").write_text(dump(config), encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


# --- which generated files changed ------------------------------------------------------


def test_a_build_tells_which_files_changed_since_the_last(tmp_path):
    plans = write_corpus(tmp_path / "corpus", plans=4, actions=12, seed=5)
    cache = BuildCache()
    first = generate(plans, cache=cache)
    assert first.changed is None  # nothing to compare with: everything is new
    before = {path: content.bytes() for path, content in first.files.items()}
    assert generate(plans, cache=cache).changed == frozenset()  # nothing saved, nothing to write
    target = sorted(plans.glob("*.yml"))[1]
    edit(target, ACTION_TEXT, r"\1Edited \2")
    after = generate(plans, cache=cache)
    truly = {path for path, content in after.files.items() if before.get(path) != content.bytes()}
    assert after.changed == truly
    assert f"plans/{target.stem}.md" in truly and f"plans/{target.stem}.csv" in truly
    assert len(truly) < len(after.files) / 4  # the other plans' pages, parties' pages... are not


class Stop(Exception):
    pass


def test_a_build_stopped_half_way_leaves_the_cache_as_the_last_finished_build_left_it(tmp_path):
    plans = write_corpus(tmp_path / "corpus", plans=4, actions=12, seed=5)
    cache = BuildCache()
    generate(plans, cache=cache)
    kept, resolved = cache.site_files, cache.resolved
    target = sorted(plans.glob("*.yml"))[1]
    edit(target, ACTION_TEXT, r"\1Edited \2")
    calls: list[int] = []

    def stop_at_the_third() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise Stop

    with pytest.raises(Stop):
        generate(plans, cache=cache, checkpoint=stop_at_the_third)
    assert cache.site_files is kept and cache.resolved is resolved
    after = generate(plans, cache=cache, checkpoint=calls.clear)
    assert f"plans/{target.stem}.md" in (after.changed or ())  # the stopped build's work is not taken as done


def test_a_save_stops_the_whole_site_being_made_in_the_background():
    preview = Preview()
    started = threading.Event()

    def make(checkpoint):
        started.set()
        for _ in range(1000):  # ten seconds, unless the checkpoint stops it
            checkpoint()
            time.sleep(0.01)
        return object()

    preview.follow(make, lambda: "state")
    preview.start()
    assert started.wait(10)
    preview.settle(save=True)
    assert preview.made is None and preview.working is None


def test_a_broken_build_leaves_the_last_good_files_to_compare_with(tmp_path):
    plans = write_corpus(tmp_path / "corpus", plans=3, actions=8, seed=5)
    cache = BuildCache()
    good = generate(plans, cache=cache)
    target = sorted(plans.glob("*.yml"))[0]
    text = edit(target, r"^title: .+$", "title: [unclosed")
    with pytest.raises(PlanErrors):
        generate(plans, cache=cache)
    target.write_text(text, encoding="utf-8")
    assert generate(plans, cache=cache).changed == frozenset()
    assert set(cache.site_files) | set(cache.data_files) == set(good.files)


def test_the_search_index_keeps_each_page_from_the_build_that_wrote_it():
    docs = [
        {"location": "", "title": "Home", "text": "é"},
        {"location": "plans/a/", "title": "A", "text": "<p>x</p>"},
        {"location": "plans/a/#one", "title": "One", "text": ""},
        {"location": "plans/b/", "title": "B", "text": "q"},
    ]
    kept = SearchDocs()
    kept.update(docs, ["", "plans/a/", "plans/b/"], whole=True)
    assert kept.in_order(["", "plans/a/", "plans/b/"]) == docs
    one_page = [{"location": "plans/a/", "title": "A2", "text": ""}]
    kept.update(one_page, ["plans/a/"], whole=False)  # a rebuild that wrote page a only
    assert kept.in_order(["", "plans/a/", "plans/b/"]) == [docs[0], *one_page, docs[3]]
    kept.update([], ["plans/b/"], whole=False)  # page b now excluded from search
    assert kept.in_order(["", "plans/a/", "plans/b/"]) == [docs[0], *one_page]
    kept.update(one_page, ["plans/a/"], whole=True)  # a whole build forgets the pages it did not write
    assert kept.in_order(["", "plans/a/", "plans/b/"]) == one_page


# --- serve: rebuild what changed, the same site as a fresh build ---------------------------


@pytest.mark.parametrize("large", [False, True], ids=["small-site", "large-site"])
def test_a_rebuild_after_an_edit_writes_only_what_changed_and_equals_a_fresh_build(tmp_path, large):
    project = corpus_project(tmp_path / "project", large=large)
    with Serve(project, tmp_path / "served") as serve:
        target = sorted((project / "plans").glob("*.yml"))[2]
        edit(target, ACTION_TEXT, r"\1Edited in the preview \2")
        written = serve.rebuild()
        preview = serve.plugin.preview
        assert not preview.whole
        page = f"plans/{target.stem}/index.html"
        assert page in written
        assert "Edited in the preview" in (tmp_path / "served" / page).read_text(encoding="utf-8")
        pages = {p for p in times(tmp_path / "served") if p.endswith(".html")}
        assert len({p for p in written if p.endswith(".html")}) <= len(pages) / 10, sorted(written)
        changed = {written_as(path) for path in preview.changed | preview.data_written}
        others = {path for path in written - ALWAYS_WRITTEN - changed if not path.startswith("pagefind/")}
        assert not others, sorted(others)
        assert differences(tmp_path / "served", fresh_build(project, tmp_path / "fresh")) == []


QUICK_EDITS = {
    "text": (ACTION_TEXT, r"\1Edited in the preview \2"),
    "name": (r"^(      responsible:\n      - ).+$", r"\1Head of Governor Development"),
    "reference": (ACTION_TEXT, r"\1See [[castlewick-county-council-post-inspection-action-plan-0001#1]] and \2"),
}
"""Saves that change one plan's text: an action's words, who is responsible, a reference to another plan."""


@pytest.mark.parametrize("change", sorted(QUICK_EDITS))
def test_a_save_shows_the_plans_own_page_first_as_the_whole_site_then_shows_it(tmp_path, change):
    project = corpus_project(tmp_path / "project")
    served = tmp_path / "served"
    with Serve(project, served) as serve:
        target = sorted((project / "plans").glob("*.yml"))[2]
        page = f"plans/{target.stem}/index.html"
        before = times(served)
        edit(target, *QUICK_EDITS[change])
        serve.build_once()
        preview = serve.plugin.preview
        assert preview.quick and not preview.whole
        written = {path for path, time in times(served).items() if before.get(path) != time}
        assert page in written
        assert {written_as(path) for path in preview.changed} == written - ALWAYS_WRITTEN
        assert all(path.startswith(f"plans/{target.stem}/") for path in written - ALWAYS_WRITTEN), sorted(written)
        first = (served / page).read_text(encoding="utf-8")
        preview.settle()  # the whole site, made in the background
        assert preview.made is not None
        serve.build_once()
        assert not preview.quick and preview.made is None
        preview.settle()
        fresh = fresh_build(project, tmp_path / "fresh")
        assert differences(served, fresh) == []
        assert first == (fresh / page).read_text(encoding="utf-8")  # the quick page was already right
        before = times(served)
        serve.build_once()  # asked for again, nothing saved: nothing is made again
        assert preview.changed == frozenset() and not preview.quick
        assert {path for path, time in times(served).items() if before.get(path) != time} <= ALWAYS_WRITTEN


def test_a_save_with_errors_is_built_whole_and_shows_them(tmp_path):
    project = corpus_project(tmp_path / "project")
    with Serve(project, tmp_path / "served") as serve:
        target = sorted((project / "plans").glob("*.yml"))[2]
        edit(target, ACTION_TEXT, r"\1See [[no-such-plan]] \2")
        serve.rebuild()
        preview = serve.plugin.preview
        assert serve.builds == 1 and not preview.quick
        assert [p.message for p in preview.problems] == [
            "reference 'no-such-plan' points at nothing known to this site"
        ]


def test_a_new_title_or_a_page_of_the_sites_own_rebuilds_the_whole_site(tmp_path):
    project = corpus_project(tmp_path / "project")
    with Serve(project, tmp_path / "served") as serve:
        target = sorted((project / "plans").glob("*.yml"))[0]
        edit(target, r"^title: (.+)$", r"title: Renamed \1")  # the navigation of every page
        serve.rebuild()
        assert serve.plugin.preview.whole
        assert differences(tmp_path / "served", fresh_build(project, tmp_path / "fresh")) == []
        about = project / "docs" / "about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        serve.rebuild()
        assert serve.plugin.preview.whole
        serve.rebuild()  # nothing saved since
        assert not serve.plugin.preview.whole
        assert differences(tmp_path / "served", fresh_build(project, tmp_path / "fresh2")) == []


def test_a_save_before_the_last_build_is_done_leaves_the_same_site_as_a_fresh_build(tmp_path):
    project = corpus_project(tmp_path / "project", large=True)  # Pagefind's index in the background
    served = tmp_path / "served"
    with Serve(project, served) as serve:
        first, second = sorted((project / "plans").glob("*.yml"))[:2]
        edit(first, ACTION_TEXT, r"\1Quickly \2")
        serve_command.build(serve._config(), serve_url=SERVE_URL, dirty=False)  # its jobs under way
        edit(second, ACTION_TEXT, r"\1Again \2")
        serve.rebuild()  # leaves the jobs of the last build not yet begun to this one
        assert not serve.plugin.preview.whole
        assert differences(served, fresh_build(project, tmp_path / "fresh")) == []


def test_the_garbage_collector_is_off_only_while_a_rebuild_writes_the_page():
    preview = Preview()
    try:
        preview.hold_collections()
        assert gc.isenabled()  # the first build collects as usual
        preview.complete = True
        preview.hold_collections()
        assert not gc.isenabled()
        preview.release_collections(later=True)
        assert not gc.isenabled()  # not until the page is written and served
        preview.start()
        preview.settle()
        assert gc.isenabled()

        preview.hold_collections()
        assert preview.choose_whole("key", own_pages_modified=False, front_matter=str)  # no site yet: whole
        assert gc.isenabled()  # a whole rebuild collects as usual

        preview.complete = True
        preview.hold_collections()
        preview.release_collections(later=False)  # a build that failed
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_save_leaves_the_background_jobs_not_yet_begun_to_the_next_build():
    preview = Preview()
    begun, done = threading.Event(), []
    release = threading.Event()

    def slow() -> None:
        begun.set()
        release.wait(30)
        done.append("slow")

    try:
        preview.complete = True
        preview.hold_collections()
        preview.later(slow)
        preview.later(lambda: done.append("next"))
        preview.release_collections(later=True)
        preview.start()
        assert begun.wait(30)
        threading.Timer(0.2, release.set).start()
        preview.settle(save=True)  # a save: the job under way ends, the others are left
        assert done == ["slow"]
        assert gc.isenabled()  # turned back on, without the collection

        preview.later(lambda: done.append("again"))
        preview.start()
        preview.settle()  # not a save: every job is done
        assert done == ["slow", "again"]
    finally:
        gc.enable()


# --- serve: a broken plan ---------------------------------------------------------------------


def test_a_broken_plan_keeps_the_last_good_site_and_lists_its_problems(tmp_path, capsys):
    project = corpus_project(tmp_path / "project")
    served = tmp_path / "served"
    with Serve(project, served) as serve:
        good = {path: (served / path).read_bytes() for path in times(served) if path.endswith(".html")}
        target = sorted((project / "plans").glob("*.yml"))[1]
        text = target.read_text(encoding="utf-8")
        line = next(n for n, row in enumerate(text.split("\n"), start=1) if row.startswith("kind: "))
        edit(target, r"^kind: .+$", "kind: not-a-kind")
        capsys.readouterr()
        serve.rebuild()  # does not raise: the preview goes on
        problems = json.loads((served / PROBLEMS_FILE).read_text(encoding="utf-8"))["problems"]
        own = [p for p in problems if p["file"].endswith(f"plans/{target.name}")]
        assert len(own) == 1, problems  # (references to the plan, now unknown, are the others)
        assert (own[0]["line"], own[0]["column"], own[0]["severity"]) == (line, 7, "error")
        assert "not-a-kind" in own[0]["message"] and "action-plan" in own[0]["hint"]
        assert {path: (served / path).read_bytes() for path in good} == good  # the last good site
        page = (served / f"plans/{target.stem}/index.html").read_text(encoding="utf-8")
        assert 'id="plansite-problems"' in page and PROBLEMS_FILE in page
        first = capsys.readouterr().err
        assert f"{target.name}:{line}:7: error: kind:" in first
        assert f"{len(problems)} problem(s) in the plans" in first

        serve.rebuild()  # saved again, broken the same way: said again
        assert f"{target.name}:{line}:" in capsys.readouterr().err
        assert gc.isenabled()  # a failed rebuild collects garbage again once it is written

        target.write_text(text, encoding="utf-8")
        serve.rebuild()
        assert json.loads((served / PROBLEMS_FILE).read_text(encoding="utf-8")) == {"problems": []}
        assert "no errors now" in capsys.readouterr().err
        assert differences(served, fresh_build(project, tmp_path / "fresh")) == []


def test_plans_broken_from_the_start_still_serve_the_problems(tmp_path):
    project = corpus_project(tmp_path / "project")
    target = sorted((project / "plans").glob("*.yml"))[0]
    text = edit(target, r"^kind: .+$", "kind: not-a-kind")
    served = tmp_path / "served"
    with Serve(project, served) as serve:  # the first build does not stop the preview
        problems = json.loads((served / PROBLEMS_FILE).read_text(encoding="utf-8"))["problems"]
        assert any(p["file"].endswith(f"plans/{target.name}") and p["line"] == 8 for p in problems), problems
        assert 'id="plansite-problems"' in (served / "404.html").read_text(encoding="utf-8")
        target.write_text(text, encoding="utf-8")
        serve.rebuild()
        assert serve.plugin.preview.whole
        assert (served / f"plans/{target.stem}/index.html").exists()
        assert differences(served, fresh_build(project, tmp_path / "fresh")) == []


def test_a_built_site_has_no_preview_parts(built_site):
    assert not (built_site / PROBLEMS_FILE).exists()
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for page in pages:
        assert "plansite-problems" not in page.read_text(encoding="utf-8"), page


def test_the_same_error_twice_is_printed_twice(tmp_path, capfd):
    """MkDocs prints a message it has printed once never again (its DuplicateFilter): a plan
    saved broken twice the same way must say so twice."""
    project = corpus_project(tmp_path / "project")
    with Serve(project, tmp_path / "served") as serve:
        target = sorted((project / "plans").glob("*.yml"))[0]
        edit(target, r"^kind: .+$", "kind: not-a-kind")
        capfd.readouterr()
        for _ in range(3):
            serve.rebuild()
        printed = capfd.readouterr().err
        assert printed.count(f"{target.name}:8:7: error: kind:") == 3, printed
        assert printed.count("problem(s) in the plans") == 3


def test_jobs_left_by_a_save_make_the_next_build_make_the_site_again():
    """A data file or an index not made is made by the next build, even if no plan changed
    since (``Preview.same_as`` would otherwise hand it the site as served)."""
    preview = Preview()
    preview.made_from = "state"
    started, release = threading.Event(), threading.Event()
    preview.later(lambda: (started.set(), release.wait(10)))
    preview.later(lambda: None)  # not begun when the save comes
    preview.start()
    assert started.wait(10)
    preview.cancelled.set()  # the save (``settle(save=True)`` sets it too), before the first job ends
    release.set()
    preview.settle(save=True)
    assert preview.made_from is None
