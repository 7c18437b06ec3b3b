"""No dead ends: registry names found in a plan's text count as mentions (generator/resolve/
parties.py), an entry no plan names has no page and `validate` warns about it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import generate, load_and_resolve
from generator.problems import Severity
from generator.resolve.mentions import NameFinder
from generator.resolve.parties import Kind, Party

from .helpers import PLANS, minimal_plan, write

REGISTRY = """\
organisations:
  - id: testshire
    name: Testshire County Council
  - id: otherton
    name: Otherton Council
  - id: national-body
    name: National Strategy
roles:
  - id: welfare-officer
    name: Education Welfare Officer
    aliases: [EWO, EWOs]
    organisation: testshire
  - id: otherton-team-leader
    name: Team Leader
    organisation: otherton
  - id: regional-adviser
    name: National Strategy Regional Adviser
    organisation: national-body
  - id: unused-role
    name: Keeper of the Keys
teams:
  - id: personnel
    name: MSTA Personnel
    aliases: [Personnel]
audiences:
  - id: senior-and-middle-managers
    name: Senior and middle managers
  - id: middle-managers
    name: Middle managers
  - id: elected-members
    name: Elected members
"""

TESTSHIRE = minimal_plan(
    "testshire-plan",
    summary="summary: The plan, in the words of the Team Leader and of elected members.\n",
    groups="""\
groups:
  - id: attendance
    kind: recommendation
    label: "1"
    text: That schools work with the National Strategy Regional Adviser on attendance.
    actions:
      - id: ewo-review
        text: Include EWOs in the annual review of schools, with advice from personnel.
        audience: [Senior and middle managers]
      - id: officer-named
        text: The Education Welfare Officer reports each term.
        responsible: [Education Welfare Officer]
""",
)

OTHERTON = minimal_plan("otherton-plan").replace("organisation: testshire", "organisation: otherton")


@pytest.fixture
def resolved(tmp_path: Path):
    root = tmp_path / "plans"
    write(root / "registry" / "r.yml", REGISTRY)
    write(root / "testshire-plan.yml", TESTSHIRE)
    write(root / "otherton-plan.yml", OTHERTON)
    return root, *load_and_resolve(root)


def mentions(catalogue, key: str) -> list[tuple[str | None, str, str]]:
    return [(m.anchor, m.field, m.context[1]) for m in catalogue.directory.mentioned.get(key, [])]


def test_a_name_in_an_actions_text_is_a_mention_with_its_context_and_place(resolved):
    _, catalogue, _ = resolved
    found = catalogue.directory.mentioned["role:welfare-officer"]
    assert [(m.anchor, m.field, m.context[1]) for m in found] == [("ewo-review", "wording", "EWOs")]
    before, name, after = found[0].context
    assert before == "Include " and after.startswith(" in the annual review")
    assert found[0].place == "an action of Recommendation 1"  # the group's words, not the action's again


def test_an_action_that_names_a_party_in_a_names_field_is_not_counted_twice(resolved):
    _, catalogue, _ = resolved
    assert "officer-named" not in {m.anchor for m in catalogue.directory.mentioned["role:welfare-officer"]}
    assert len(catalogue.directory.involvements["role:welfare-officer"]) == 1


def test_names_any_case_in_prose_and_in_group_wording(resolved):
    _, catalogue, _ = resolved
    assert mentions(catalogue, "audience:elected-members") == [(None, "summary", "elected members")]
    adviser = [("attendance", "wording", "National Strategy Regional Adviser")]
    assert mentions(catalogue, "role:regional-adviser") == adviser


def test_a_name_inside_a_longer_name_counts_only_when_it_is_another_kind(resolved):
    _, catalogue, _ = resolved
    # "Senior and middle managers" is one audience, not also "Middle managers" ...
    assert mentions(catalogue, "audience:middle-managers") == []
    # ... but "National Strategy Regional Adviser" (a role) names the organisation too.
    assert mentions(catalogue, "organisation:national-body") == [("attendance", "wording", "National Strategy")]


def test_another_councils_role_and_a_one_word_alias_are_not_meant(resolved):
    _, catalogue, _ = resolved
    assert mentions(catalogue, "role:otherton-team-leader") == []  # Otherton publishes a plan of its own
    assert mentions(catalogue, "team:personnel") == []  # "personnel" is a word, not the team


def test_an_entry_no_plan_names_is_a_warning_at_its_id_and_has_no_page(resolved):
    root, catalogue, problems = resolved
    unused = [p for p in problems if "is not named in any plan" in p.message]
    assert [(p.message.split(" is not")[0], p.line, p.column, p.severity) for p in unused] == [
        ("role 'otherton-team-leader'", 13, 9, Severity.warning),
        ("role 'unused-role'", 19, 9, Severity.warning),
        ("team 'personnel'", 22, 9, Severity.warning),
        ("audience 'middle-managers'", 28, 9, Severity.warning),
    ]
    assert all(p.file.endswith("registry/r.yml") for p in unused)
    assert unused[0].message.endswith("so it gets no page")
    site = generate(root, history=False)
    assert "roles/unused-role.md" not in site.files
    assert "audiences/middle-managers.md" not in site.files
    assert "roles/welfare-officer.md" in site.files  # named only in text, and still published
    assert "organisations/otherton.md" in site.files  # it publishes a plan


def test_no_entry_is_called_unused_while_a_plan_cannot_be_read(resolved):
    root, _, _ = resolved
    testshire = root / "testshire-plan.yml"
    testshire.write_text(testshire.read_text(encoding="utf-8") + "titel: a typo\n", encoding="utf-8")
    _, problems = load_and_resolve(root)
    assert [(p.file.rsplit("/", 1)[-1], p.severity, p.message) for p in problems] == [
        ("testshire-plan.yml", Severity.error, "unknown field 'titel' in the top level")
    ]


def test_the_name_finder_matches_whole_words_and_plurals():
    party = Party(Kind.role, "sio", "School Improvement Officer", type("E", (), {"aliases": ["SIO"]})())
    finder = NameFinder([party])
    text = "SIOs meet; a SIO-led review; school improvement officers; SIOX; sio"
    found = [text[start:end] for start, end, _ in finder.find(text)]
    # not "SIO-led", "SIOX", nor "sio" (an acronym keeps its case)
    assert found == ["SIO", "school improvement officer"]


def test_the_real_plans_use_every_registry_entry():
    _, problems = load_and_resolve(PLANS)
    assert [p.format() for p in problems if "is not named in any plan" in p.message] == []
