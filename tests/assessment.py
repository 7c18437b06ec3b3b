"""Shared by the tests of issue 18's schema (tests/test_schema_*.py): the fixture site of
tests/fixtures/assessment (a post-inspection plan, its appendix of criteria with the same
title, a monitoring report on it), rendered once, and small sites written into tmp_path."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

from generator.pipeline import load_and_resolve
from generator.problems import Problem, Severity
from generator.render.site import render_site
from generator.resolve.catalogue import Catalogue

ASSESSMENT = Path(__file__).parent / "fixtures" / "assessment" / "plans"
BUILD_DATE = dt.date(2004, 9, 15)
"""Autumn term 2004: after the report (July 2004), before the deadlines of 2005."""

PLAN = "testshire-improvement-plan"
APPENDIX = "testshire-improvement-plan-appendix"
REPORT = "testshire-monitoring-report-2004"

HEAD = """\
id: {id}
title: A test plan
organisation: testshire
kind: {kind}
status: adopted
source:
  title: The test plan document
"""


@functools.cache
def assessment() -> tuple[Catalogue, dict[str, str]]:
    """The fixture site, resolved with no problems, and its pages as text."""
    catalogue, problems = load_and_resolve(ASSESSMENT)
    assert catalogue is not None and problems == [], [p.format() for p in problems]
    pages = render_site(catalogue, BUILD_DATE)
    return catalogue, {path: text for path, text in pages.items() if isinstance(text, str)}


def page(path: str) -> BeautifulSoup:
    """A page of the fixture site, its Markdown's HTML blocks parsed."""
    return BeautifulSoup(assessment()[1][path], "html.parser")


def plan_yaml(plan_id: str = "test-plan", body: str = "", kind: str = "action-plan") -> str:
    """A plan file: the head every plan needs, then ``body`` (dedented YAML)."""
    return HEAD.format(id=plan_id, kind=kind) + textwrap.dedent(body)


def site(tmp_path: Path, **plans: str) -> Path:
    """A plans folder in ``tmp_path`` with the fixture registry and ``plans`` (file stem → YAML)."""
    root = tmp_path / "plans"
    shutil.copytree(ASSESSMENT / "registry", root / "registry")
    for stem, text in plans.items():
        (root / f"{stem}.yml").write_text(text, encoding="utf-8")
    return root


def resolved(root: Path) -> tuple[Catalogue | None, list[Problem]]:
    """``load_and_resolve`` on a small site: the fixture registry's entries that its few plans
    leave unnamed are warned about (tests/test_reader_mentions.py checks that), not counted here."""
    catalogue, found = load_and_resolve(root)
    return catalogue, [p for p in found if "is not named in any plan" not in p.message]


def problems(tmp_path: Path, **plans: str) -> list[Problem]:
    """Every problem loading and resolving a site of ``plans`` gives."""
    return resolved(site(tmp_path, **plans))[1]


def errors(tmp_path: Path, **plans: str) -> list[str]:
    """The errors as ``name.yml:line:col: message``, the folder left out."""
    return [
        f"{Path(p.file).name}:{p.line}:{p.column}: {p.message}"
        for p in problems(tmp_path, **plans)
        if p.severity is Severity.error
    ]
