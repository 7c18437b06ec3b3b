"""The editor's loop in a real browser: ``mkdocs serve`` on a free local port, a plan page
open in headless Chromium; the plan saved broken shows its problems over the page (file,
line, column, message, hint), and saved fixed the page comes back by itself, with the new
text (livereload). The terminal says so at every failed rebuild."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ..helpers import make_site, minimal_plan
from .helpers import violations

pytestmark = pytest.mark.browser

PLAN = "plans/test-plan.yml"
ACTIONS = """\
groups:
  - id: first
    title: Getting started
    actions:
      - id: visits
        text: Visit every school this term.
        timescale: Autumn 2026
      - id: report
        text: Report to governors in the spring.
"""
WAIT_MS = 180_000
"""A rebuild on a busy two-core machine can take a while: what is measured is in bench/."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serving(tmp_path: Path):
    """``mkdocs serve`` of a one-plan site, as an editor starts it; yields (project, address, log)."""
    project = make_site(tmp_path / "site")
    (project / PLAN).write_text(minimal_plan(groups=ACTIONS), encoding="utf-8")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    address = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            try:
                with urllib.request.urlopen(address + "plans/test-plan/", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None, log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.5)
        yield project, address, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_broken_plan_shows_its_problems_and_the_fixed_page_comes_back(page: Page, serving):
    project, address, log = serving
    page.goto(address + "plans/test-plan/")
    expect(page.locator("#visits")).to_contain_text("Visit every school this term.")
    problems = page.locator("#plansite-problems")
    expect(problems).to_be_hidden()

    plan = project / PLAN
    good = plan.read_text(encoding="utf-8")
    line = good.split("\n").index("kind: action-plan") + 1
    plan.write_text(good.replace("kind: action-plan", "kind: action-plna"), encoding="utf-8")
    expect(problems).to_be_visible(timeout=WAIT_MS)  # livereload reloaded the page
    expect(problems.locator("h2")).to_have_text("The plans have 1 error: the site was not rebuilt")
    item = problems.locator("li")
    expect(item).to_have_count(1)
    expect(item.locator(".ps-preview-problems__where")).to_have_text(re.compile(rf"plans/test-plan\.yml:{line}:7$"))
    expect(item).to_contain_text("error: kind: the text 'action-plna' is not allowed")
    expect(item.locator(".ps-preview-problems__hint")).to_have_text(re.compile(r"^Hint: use one of: 'action-plan', "))
    expect(problems).to_have_attribute("role", "alert")
    expect(page.locator("#visits")).to_contain_text("Visit every school this term.")  # the last good page
    assert violations(page) == []

    plan.write_text(good.replace("Visit every school this term.", "Visit every school twice this term."), "utf-8")
    expect(page.locator("#visits")).to_contain_text("Visit every school twice this term.", timeout=WAIT_MS)
    expect(problems).to_be_hidden()

    printed = log.read_text(encoding="utf-8")
    assert printed.count(f"test-plan.yml:{line}:7: error: kind:") == 1, printed
    assert "the plans have no errors now" in printed


def test_the_same_mistake_saved_twice_is_printed_twice(page: Page, serving):
    project, address, log = serving
    page.goto(address + "plans/test-plan/")
    plan = project / PLAN
    broken = plan.read_text(encoding="utf-8").replace("kind: action-plan", "kind: action-plna")
    problems = page.locator("#plansite-problems")
    for saved in (1, 2):
        plan.write_text(broken + "\n" * saved, encoding="utf-8")  # saved again, the same mistake
        deadline = time.monotonic() + WAIT_MS / 1000
        while log.read_text(encoding="utf-8").count("error: kind: the text 'action-plna'") < saved:
            assert time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.5)
        expect(problems).to_be_visible(timeout=WAIT_MS)
