"""Shared fixtures: the repository, small fixture sites written into tmp_path,
and one strict build of the real site per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import ROOT, make_site, run_mkdocs_build


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A fresh, buildable site folder: mkdocs.yml, docs/, overrides/, plans/registry/."""
    return make_site(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (the five plans), built once per session."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/fixtures/golden/expected from the current templates (review the diff)",
    )
