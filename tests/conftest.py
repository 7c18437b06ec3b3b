"""Shared fixtures: the repository, small fixture sites written into tmp_path,
and one strict build of the real site per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"

SCHEMA_LINE = "# yaml-language-server: $schema=../schema/plan.schema.json\n"

MINIMAL_REGISTRY = """\
organisations:
  - id: testshire
    name: Testshire County Council
acronyms:
  - term: SENCO
    expansion: Special Educational Needs Coordinator
"""


def minimal_plan(plan_id: str = "test-plan", **extra: str) -> str:
    """A valid plan as YAML text; ``extra`` adds top-level YAML blocks verbatim."""
    text = SCHEMA_LINE + textwrap.dedent(
        f"""\
        id: {plan_id}
        title: A test plan
        organisation: testshire
        kind: action-plan
        status: adopted
        source:
          title: The test plan document
        """
    )
    for block in extra.values():
        text += textwrap.dedent(block)
    return text


def make_site(root: Path) -> Path:
    """A buildable site folder in ``root``: mkdocs.yml, docs/, overrides/, plans/registry/."""
    (root / "plans" / "registry").mkdir(parents=True)
    (root / "plans" / "registry" / "registry.yml").write_text(MINIMAL_REGISTRY, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """A fresh, buildable site folder: mkdocs.yml, docs/, overrides/, plans/registry/."""
    return make_site(tmp_path)


def run_mkdocs_build(project: Path, site: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    """A real, strict ``mkdocs build`` in a child process, as an editor would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env_vars}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=300,
    )


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
