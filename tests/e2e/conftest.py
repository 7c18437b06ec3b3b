"""Real-browser tests: Debian's headless Chromium driven by pytest-playwright.

Locally without Chromium these tests are skipped with a loud reason; in CI
(CI=true) a missing browser is an error, never a skip."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

from ..helpers import ROOT, run_mkdocs_build, set_plugin_options

CHROMIUM = os.environ.get("PLANSITE_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.hookimpl(tryfirst=True)  # before -m selects: every test here needs the browser
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
    if chromium_available():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but Chromium is not installed at {CHROMIUM}: browser tests must run in CI")
    reason = (
        f"BROWSER TESTS SKIPPED: no Chromium at {CHROMIUM}. "
        "Install it with `apt-get install chromium` (or set PLANSITE_CHROMIUM) to run them."
    )
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    from .helpers import CHECKED

    if CHECKED:
        pages = sorted({page for page, _, _ in CHECKED})
        widths = sorted({width for _, width, _ in CHECKED}, reverse=True)
        total = sum(count for _, _, count in CHECKED)
        terminalreporter.write_sep("-", "axe-core, WCAG 2.2 A and AA")
        terminalreporter.write_line(
            f"{len(CHECKED)} run(s) over {len(pages)} page(s) at widths {', '.join(map(str, widths))} px: "
            f"{total} violation(s)"
        )
        terminalreporter.write_line("pages: " + ", ".join(pages))
    if not chromium_available():
        terminalreporter.write_line(
            f"!!! Browser tests were SKIPPED: Chromium not found at {CHROMIUM}. !!!", red=True, bold=True
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-gpu", "--disable-quic"],
    }


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path):
    """``directory`` served over http on a free local port; yields its address."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address
    with socket.create_connection((host, port), timeout=5):
        pass
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served over http on a free local port."""
    with served(built_site) as url:
        yield url


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def large_site_url(tmp_path_factory):
    """The five plans built as a large site (``large_site: 2``) on 15 April 2004, so What's on
    has coming terms (with pages of their own) and past ones; its explorer pages 20 rows."""
    project = tmp_path_factory.mktemp("large")
    for folder in ("docs", "overrides", "plans"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    set_plugin_options(project / "mkdocs.yml", large_site=2)
    site = project / "site"
    result = run_mkdocs_build(project, site, SOURCE_DATE_EPOCH="1081987200")
    assert result.returncode == 0, result.stderr
    explorer = site / "explorer" / "index.html"
    page = explorer.read_text(encoding="utf-8")
    assert 'data-limit="200"' in page
    explorer.write_text(page.replace('data-limit="200"', 'data-limit="20"'), encoding="utf-8")  # to see paging
    with served(site) as url:
        yield url
