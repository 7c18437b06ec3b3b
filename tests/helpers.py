"""Helpers the test modules share: fixture sites and plans, file writing, the CLI run
in-process, plugin options in a copied mkdocs.yml, and HTML parsing.

Tests import these from here, never from another test module."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
import traceback
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator.problems import Problem

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
BUILD_DATE = dt.date(2004, 4, 15)
"""A date inside the five plans' span, for renders that speak of "now"."""


SALFORD = "salford-post-ofsted-action-plan-2004"
SOUTHWARK = "southwark-edp-2002-07"
MIDDLESBROUGH = "middlesbrough-school-improvement-scrutiny-2014"
ESSEX = "essex-school-improvement-model-2017"
WORCESTERSHIRE = "worcestershire-laa-delivery-plan-ni-94"

SEED_PLAN_IDS = {SALFORD, SOUTHWARK, MIDDLESBROUGH, ESSEX, WORCESTERSHIRE}

SEEDS = Path(os.environ.get("PLANSITE_SEEDS", ROOT.parent / "shared" / "seeds"))
"""The extracted source texts; the cross-checks against them skip where absent."""

SEED_FILES = {
    SALFORD: "000_79e19bfde642e7f4.txt",
    SOUTHWARK: "001_c8cf3740a44dab91.txt",
    MIDDLESBROUGH: "002_ac1b740fee9a1222.txt",
    ESSEX: "003_7ef340d5f7c74fba.txt",
    WORCESTERSHIRE: "004_00f61bf9dd842e75.txt",
}

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


def write(path: Path, text: str | bytes) -> Path:
    """Write ``text`` (UTF-8) or bytes to ``path``, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def only(problems: list[Problem]) -> Problem:
    """The one problem in ``problems`` (fails, listing them, if there are more or none). A
    registry entry that a planted mistake leaves unnamed by any plan is warned about too
    (tests/test_reader_mentions.py checks those): not counted here."""
    problems = [p for p in problems if "is not named in any plan" not in p.message]
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def make_site(root: Path) -> Path:
    """A buildable site folder in ``root``: mkdocs.yml, docs/, overrides/, plans/registry/."""
    (root / "plans" / "registry").mkdir(parents=True)
    (root / "plans" / "registry" / "registry.yml").write_text(MINIMAL_REGISTRY, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def set_plugin_options(config_file: Path, plugin: str = "plansite", **options: Any) -> Path:
    """Set options of one plugin in a site's mkdocs.yml (written back as YAML); an option set
    to None is removed. Returns the file. A plugin not in the file is added."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    plugins = config.setdefault("plugins", [])
    names = [next(iter(entry)) if isinstance(entry, dict) else entry for entry in plugins]
    if plugin not in names:
        plugins.append(plugin)
        names.append(plugin)
    index = names.index(plugin)
    entry = plugins[index]
    current = dict(entry[plugin] or {}) if isinstance(entry, dict) else {}
    current.update(options)
    plugins[index] = {plugin: {key: value for key, value in current.items() if value is not None}}
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_file


def set_config(config_file: Path, **settings: Any) -> Path:
    """Set top-level settings of a site's mkdocs.yml (``repo_url``, ``hooks``...)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config.update(settings)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_file


def without_plugin(config_file: Path, plugin: str) -> Path:
    """Take one plugin out of a site's mkdocs.yml."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"] = [
        entry
        for entry in config.get("plugins", [])
        if (next(iter(entry)) if isinstance(entry, dict) else entry) != plugin
    ]
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_file


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


def plansite(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """The ``plansite`` command, run in this process (click's CliRunner) from ``cwd``, with
    what it printed and its exit code. An exception that escapes the command is written to
    its stderr as a traceback, as it would be in a terminal, so that "never a traceback"
    tests still see it."""
    from generator.cli import main

    with contextlib.chdir(cwd):
        result = CliRunner().invoke(main, list(args), prog_name="plansite")
    stderr = result.stderr
    if result.exc_info and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(["plansite", *args], result.exit_code, result.stdout, stderr)


def soup_of(path: Path) -> BeautifulSoup:
    """A built page, parsed."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    """Text with its runs of whitespace made single spaces."""
    return " ".join(text.split())


"""A plan with progress reported in every way: updates, statuses, overdue and not reported."""
PLAN = minimal_plan(
    groups="""\
    groups:
      - label: "1"
        title: Visits
        actions:
          - id: visit
            text: Visit every school
            timescale: Autumn 2014
            status: in-progress
          - id: report
            text: Report to the panel
            timescale: 12/11/14
            status: in-place
    """
)
