"""generator/people.py: names as printed resolved to the registry; matrices."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import load_and_resolve
from generator.problems import Severity
from generator.resolve.parties import Kind, name_key, responsibility_matrix

from .helpers import PLANS, minimal_plan, write

REGISTRY = """\
organisations:
  - id: testshire
    name: Testshire County Council
  - id: otherton
    name: Otherton Council
roles:
  - id: testshire-head
    name: Head of School Improvement
    aliases: [Head of school improvement]
    organisation: testshire
  - id: otherton-head
    name: Head of School Improvement
    organisation: otherton
  - id: adviser
    name: Senior Adviser (Development)
    aliases: [Senior Advisor (Development)]
teams:
  - id: governors-team
    name: Governors
audiences:
  - id: governors
    name: Governors
    aliases: [governing bodies]
"""

ACTIONS = """\
groups:
  - label: "1"
    actions:
      - text: Review the framework
        responsible: [Head of school improvement, Senior Advisor (Development)]
        audience: [Governing Bodies, Governors]
        monitoring:
          text: Annual report by Senior Adviser (Development) to Governors.
          by: [Senior Adviser (Development)]
          to: [Governors]
      - text: Train staff
        responsible: [Head of Nowhere]
        partners: [Governors]
"""


@pytest.fixture
def resolved(tmp_path: Path):
    root = tmp_path / "plans"
    write(root / "registry" / "r.yml", REGISTRY)
    write(root / "p.yml", minimal_plan(groups=ACTIONS))
    return load_and_resolve(root)


def party_ids(catalogue, action_index: int, field: str) -> list[str | None]:
    action = catalogue.plans[0].actions()[action_index]
    return [getattr(catalogue.directory.party_of(m), "id", None) for m in getattr(action, field)]


def test_names_resolve_by_alias_and_prefer_the_plans_own_organisation(resolved):
    catalogue, _ = resolved
    assert party_ids(catalogue, 0, "responsible") == ["testshire-head", "adviser"]


def test_audiences_resolve_to_audiences_other_names_to_anything(resolved):
    catalogue, _ = resolved
    assert party_ids(catalogue, 0, "audience") == ["governors", "governors"]
    # Outside an audience field "Governors" is ambiguous (team or audience): the warning says so.
    action = catalogue.plans[0].actions()[1]
    assert catalogue.directory.party_of(action.partners[0]).kind in (Kind.team, Kind.audience)


def test_an_unknown_name_is_a_warning_with_its_position(resolved):
    _, problems = resolved
    warnings = [p for p in problems if p.severity is Severity.warning]
    unknown = [p for p in warnings if "Head of Nowhere" in p.message]
    assert len(unknown) == 1
    assert unknown[0].message == "'Head of Nowhere' is not in the registry"
    assert (unknown[0].line, unknown[0].column) == (20, 23)


def test_a_name_two_entries_share_is_a_warning_asking_for_a_ref(resolved):
    _, problems = resolved
    ambiguous = [p for p in problems if "could be" in p.message]
    assert {p.message for p in ambiguous} == {"'Governors' could be team 'governors-team' and audience 'governors'"}
    assert [(p.line, p.column) for p in ambiguous] == [(18, 16), (21, 20)]  # monitoring "to", and partners
    assert all(p.severity is Severity.warning for p in problems)
    named = [p for p in problems if "is not named in any plan" not in p.message]
    assert len(named) == 3
    unused = sorted(p.message.split(" is not")[0] for p in problems if p not in named)
    assert unused == ["organisation 'otherton'", "role 'otherton-head'"]  # no plan names them: no page


def test_involvements_keep_the_spelling_as_printed(resolved):
    catalogue, _ = resolved
    adviser = catalogue.directory.parties["role:adviser"]
    assert catalogue.directory.spellings(adviser) == ["Senior Adviser (Development)", "Senior Advisor (Development)"]
    parts = sorted(i.part.value for i in catalogue.directory.involvements[adviser.key])
    assert parts == ["monitoring", "responsible"]


def test_name_key_ignores_case_spacing_dashes_and_a_full_stop():
    assert name_key("Senior Adviser – Secondary  Performance.") == name_key("senior adviser - secondary performance")
    assert name_key("Head of MIAS") != name_key("Head of MIA")


def test_the_real_plans_name_nobody_unknown():
    catalogue, problems = load_and_resolve(PLANS)
    assert problems == []
    missing = [
        (plan.id, action.id)
        for plan in catalogue.plans
        for action in plan.actions()
        for mention in action.responsible + action.audience + action.partners
        if catalogue.directory.party_of(mention) is None
    ]
    assert missing == []


def test_southwark_matrix_has_a_column_per_activity_and_counts(catalogue=None):
    catalogue, _ = load_and_resolve(PLANS)
    plan = catalogue.plan("southwark-edp-2002-07")
    matrix = responsibility_matrix(plan, catalogue.directory, lambda g: f"Activity {g.label}")
    assert [c.heading.split(" ")[0] for c in matrix.columns] == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    head = next(r for r in matrix.rows if r.party.id == "southwark-head-of-school-improvement")
    assert head.cells[0]["responsible"] == 5
    assert head.cells[2]["responsible"] == 1
    assert head.cells[5]["responsible"] == 3
    assert matrix.has_owners


def test_salford_has_no_owners_and_worcestershire_gets_a_column_per_action():
    catalogue, _ = load_and_resolve(PLANS)
    salford = responsibility_matrix(catalogue.plan("salford-post-ofsted-action-plan-2004"), catalogue.directory, str)
    assert not salford.has_owners
    worcestershire = catalogue.plan("worcestershire-laa-delivery-plan-ni-94")
    matrix = responsibility_matrix(worcestershire, catalogue.directory, str)
    assert [c.anchor for c in matrix.columns] == [a.id for a in worcestershire.actions()]
