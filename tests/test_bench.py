"""The benchmark's smoke test (issue 9): the synthetic corpus is deterministic and valid, it
reads timescales in every form, and ``bench/run.py`` prints its table at N=10. No timing
is asserted: CI machines differ. The search-bytes part needs Chromium, like tests/e2e:
skipped locally without it, required when CI=true."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import run as bench
from bench.corpus import TIMESCALES, write_corpus
from generator.model.calendar import Precision, Recurrence
from generator.model.fields import Timescale
from generator.model.timescales import normalise
from generator.pipeline import load_and_resolve
from generator.problems import Severity

pytestmark = pytest.mark.slow  # builds sites or runs git: outside the fast loop

PLANS, ACTIONS = 10, 10


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("corpus")
    write_corpus(dest, PLANS, ACTIONS, seed=7)
    return dest


def test_the_same_seed_writes_the_same_bytes(corpus: Path, tmp_path: Path):
    write_corpus(tmp_path / "again", PLANS, ACTIONS, seed=7)
    write_corpus(tmp_path / "other", PLANS, ACTIONS, seed=8)
    first, again, other = tree(corpus / "plans"), tree(tmp_path / "again" / "plans"), tree(tmp_path / "other" / "plans")
    assert len([name for name in first if "/" not in name]) == PLANS
    assert first == again
    assert first != other


def test_the_corpus_validates_without_errors_or_warnings(corpus: Path):
    catalogue, problems = load_and_resolve(corpus / "plans")
    assert catalogue is not None
    assert [p.format() for p in problems] == []
    assert len(catalogue.plans) == PLANS
    assert all(len(plan.actions()) == ACTIONS for plan in catalogue.plans)
    assert catalogue.references, "plans link to each other"
    assert not any(p.severity is Severity.warning for p in problems)


def test_the_timescales_take_every_form_the_reader_knows():
    rng = random.Random(1)
    whens = [
        normalise(Timescale(**value)) if isinstance(value, dict) else normalise(value)
        for value in (make(rng, 2014) for make in TIMESCALES)
    ]
    assert {w.precision for w in whens} >= set(Precision)
    assert {w.recurrence for w in whens} >= set(Recurrence)
    for flag in ("open_start", "open_end", "ongoing", "explicit"):
        assert any(getattr(w, flag) for w in whens), flag
    assert any(w.undated and not w.recurrence and not w.ongoing for w in whens)
    assert any(len(w.milestones) > 1 for w in whens)


def test_the_corpus_is_near_the_reference_size_per_action(tmp_path: Path):
    """The issue's reference corpus: 1,000 plans × 100 actions = 53 MB, ≈ 530 bytes an action."""
    plans_dir = write_corpus(tmp_path, 4, 100, seed=1)
    size = sum(p.stat().st_size for p in plans_dir.glob("*.yml"))
    assert 450 <= size / 400 <= 700


def test_the_edit_changes_one_action(corpus: Path, tmp_path: Path):
    source = sorted((corpus / "plans").glob("*.yml"))[0]
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    bench.edit_one_action(target)
    before, after = source.read_text().splitlines(), target.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(changed) == 1 and bench.EDIT_MARK in changed[0][1]


def parse_table(text: str) -> list[dict[str, str]]:
    lines = [line for line in text.splitlines() if line.startswith("|")]
    head = [cell.strip() for cell in lines[0].strip("|").split("|")]
    return [dict(zip(head, (cell.strip() for cell in line.strip("|").split("|")))) for line in lines[2:]]


def number(cell: str) -> float:
    return float(re.match(r"-?[0-9][0-9,]*(?:\.[0-9]+)?", cell)[0].replace(",", ""))


def browser_or_skip() -> bool:
    """Whether Chromium is here; in CI it must be."""
    if bench.chromium_available():
        return True
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but Chromium is not installed at {bench.CHROMIUM}: the search bytes must be measured")
    return False


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> tuple[str, dict, Path]:
    """``bench/run.py --sizes 10 --actions 10 --runs 1``: its table and its JSON results.
    Without Chromium (locally) it runs with --no-browser."""
    work = tmp_path_factory.mktemp("bench")
    argv = [
        "--sizes",
        str(PLANS),
        "--actions",
        str(ACTIONS),
        "--runs",
        "1",
        "--work",
        str(work / "sites"),
        "--json",
        str(work / "results.json"),
    ]
    # In a child process, as a user runs it (and because the browser tests' Playwright
    # session owns this process's event loop).
    command = [sys.executable, str(Path(bench.__file__)), *(argv if browser_or_skip() else argv + ["--no-browser"])]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, cwd=Path(bench.__file__).parents[1])
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout, json.loads((work / "results.json").read_text()), work / "sites"


def test_the_benchmark_prints_its_table(smoke):
    text, saved, _ = smoke
    assert re.search(r"\d+ cores, .+, \d+ GiB RAM, Python 3\.\d+", text)
    rows = parse_table(text)
    assert [title for title, _ in bench.COLUMNS] == list(rows[0])
    assert len(rows) == 1
    row = rows[0]
    assert row["N"] == str(PLANS) and row["actions/plan"] == str(ACTIONS)
    for column in (
        "YAML MB",
        "libyaml s",
        "gen cold s",
        "build s",
        "plain build s",
        "peak MB",
        "site MB",
        "plan page KB (median)",
        "explorer JSON KB",
        "gen warm s",
        "warm re-read files",
    ):
        assert number(row[column]) > 0, column
    assert "warning" not in text and "NOT" not in text
    result = saved["results"][0]
    assert result["warnings"] == 0 and result["warm_change_shown"]
    assert saved["machine"]["cores"] >= 1


def test_the_first_search_downloads_the_index(smoke):
    if not browser_or_skip():
        pytest.skip(f"BROWSER TEST SKIPPED: no Chromium at {bench.CHROMIUM}")
    text, saved, sites = smoke
    result = saved["results"][0]
    index = sites / f"n{PLANS}" / "site" / "search" / "search_index.json"
    assert "search/search_index.json" in result["search_urls"]
    assert result["first_search_bytes"] >= index.stat().st_size
    assert 0 < result["first_search_gzip_bytes"] < result["first_search_bytes"]
    assert result["second_search_bytes"] < result["first_search_bytes"]
    assert number(parse_table(text)[0]["1st search KB (gzip)"]) > 0
