"""generator/resolve.py: what one file cannot check alone, with positions."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import load_and_resolve

from .helpers import MINIMAL_REGISTRY, minimal_plan, only, write


def resolve(tmp_path: Path, *plans: tuple[str, str], registry: str = MINIMAL_REGISTRY):
    root = tmp_path / "plans"
    write(root / "registry" / "registry.yml", registry)
    for name, text in plans:
        write(root / name, text)
    return load_and_resolve(root)


GROUPS_WITH_TWIN_LABELS = """\
groups:
  - label: "5.2"
    actions:
      - label: 3c)
        text: Provide an induction programme
      - label: 3c)
        text: Develop the mentor scheme
"""


def test_twin_labels_give_a_duplicate_id_error_at_the_second(tmp_path):
    catalogue, problems = resolve(tmp_path, ("p.yml", minimal_plan(groups=GROUPS_WITH_TWIN_LABELS)))
    problem = only(problems)
    assert problem.message == "action label '3c)' is used twice (first on line 12): both would be '5.2-3c'"
    assert "own `id:`" in problem.hint
    assert (problem.line, problem.column) == (14, 9)


def test_an_explicit_id_settles_twin_labels(tmp_path):
    text = minimal_plan(groups=GROUPS_WITH_TWIN_LABELS + "        id: 5.2-3c-second\n")
    catalogue, problems = resolve(tmp_path, ("p.yml", text))
    assert problems == []
    ids = [a.id for a in catalogue.plans[0].actions()]
    assert ids == ["5.2-3c", "5.2-3c-second"]
    assert [a.label for a in catalogue.plans[0].actions()] == ["3c)", "3c)"]


def test_unknown_organisation(tmp_path):
    text = minimal_plan().replace("organisation: testshire", "organisation: nowhere")
    _, problems = resolve(tmp_path, ("p.yml", text))
    problem = only(problems)
    assert problem.message == "organisation 'nowhere' is not in the registry"
    assert (problem.line, problem.column) == (4, 15)


def test_unknown_period_and_indicator(tmp_path):
    text = minimal_plan(
        rest="""\
        periods:
          - id: p1
            label: March 2004 – May 2004
        groups:
          - title: Planning
            indicators: [kpi9]
            actions:
              - text: Train staff
                period: p2
        """
    )
    _, problems = resolve(tmp_path, ("p.yml", text))
    messages = {p.message: (p.line, p.column) for p in problems}
    assert messages == {
        "indicator 'kpi9' is not one of this plan's indicators": (14, 18),
        "period 'p2' is not one of this plan's periods": (17, 17),
    }


def test_reserved_anchor(tmp_path):
    text = minimal_plan(groups="groups:\n  - id: risks\n    title: Risks to delivery\n")
    _, problems = resolve(tmp_path, ("p.yml", text))
    problem = only(problems)
    assert problem.message == "the id 'risks' is reserved for a section of the plan page"
    assert (problem.line, problem.column) == (10, 9)


def test_references_are_checked_across_plans(tmp_path):
    first = minimal_plan(
        "first",
        groups="""\
        groups:
          - label: "5.3"
            actions:
              - label: 1a)
                text: Promote IT systems
        """,
    )
    second = minimal_plan(
        "second",
        links="""\
        links:
          - text: Priority 5.3 of the first plan
            ref: first#5.3
            relation: depends-on
          - text: Its action 1a
            ref: first#5.3-1a
          - text: The first plan
            ref: first
          - text: A plan nobody published
            ref: third#1
        """,
    )
    catalogue, problems = resolve(tmp_path, ("first.yml", first), ("second.yml", second))
    problem = only(problems)
    assert problem.file.endswith("second.yml")
    assert problem.message == "reference 'third#1' points at nothing known to this site"
    assert (problem.line, problem.column) == (18, 10)
    assert catalogue.targets["first#5.3-1a"].kind == "action"


def test_registry_ids_are_unique_across_files(tmp_path):
    root = tmp_path / "plans"
    write(root / "registry" / "a.yml", MINIMAL_REGISTRY)
    write(
        root / "registry" / "b.yml",
        "organisations:\n  - id: other\n    name: Other\n  - id: testshire\n    name: Again\n",
    )
    write(root / "p.yml", minimal_plan())
    _, problems = load_and_resolve(root)
    problem = only(problems)
    assert problem.file.endswith("b.yml")
    assert (problem.line, problem.column) == (4, 9)
    assert problem.message.startswith("organisation 'testshire' is already defined at ")
    assert problem.message.endswith("a.yml:2:9")


def test_mention_ref_must_name_a_registry_entry(tmp_path):
    text = minimal_plan(lead="lead:\n  - text: The Director\n    ref: director-of-nothing\n")
    _, problems = resolve(tmp_path, ("p.yml", text))
    problem = only(problems)
    assert problem.message == "'director-of-nothing' is not an id in the registry"
    assert (problem.line, problem.column) == (11, 10)


def test_catalogue_orders_plans_by_id(tmp_path):
    catalogue, problems = resolve(tmp_path, ("z.yml", minimal_plan("alpha")), ("a.yml", minimal_plan("zulu")))
    assert problems == []
    assert [p.id for p in catalogue.plans] == ["alpha", "zulu"]


AUTUMN_ACTION = (
    "groups:\n  - title: Visits\n    actions:\n      - text: Visit schools\n        timescale: Autumn 2003\n"
)


def test_the_term_calendar_is_configurable_in_the_registry(tmp_path):
    import datetime as dt

    registry = MINIMAL_REGISTRY + "calendar:\n  autumn: {start: 09-03, half: 10-27, end: 12-19}\n"
    catalogue, problems = resolve(tmp_path, ("p.yml", minimal_plan(groups=AUTUMN_ACTION)), registry=registry)
    assert problems == []
    when = catalogue.whens["test-plan"]["visits-1"]
    assert (when.start, when.end) == (dt.date(2003, 9, 3), dt.date(2003, 12, 19))


def test_a_calendar_that_does_not_make_sense_is_an_error(tmp_path):
    registry = MINIMAL_REGISTRY + "calendar:\n  autumn: {start: 09-03, half: 08-01, end: 12-19}\n"
    _, problems = resolve(tmp_path, ("p.yml", minimal_plan(groups=AUTUMN_ACTION)), registry=registry)
    problem = only(problems)
    assert problem.message.startswith("calendar: calendar setting 'autumn_half'")
    assert (problem.line, problem.column) == (7, 1)


def test_a_calendar_badly_written_is_caught_by_the_schema(tmp_path):
    registry = MINIMAL_REGISTRY + "calendar:\n  autumn: {start: 1 September, end: 12-19}\n"
    _, problems = resolve(tmp_path, ("p.yml", minimal_plan()), registry=registry)
    problem = only(problems)  # and no noise about the organisation the broken file also holds
    assert problem.message == "calendar.autumn.start: expected a day of the year as MM-DD, got the text '1 September'"
    assert (problem.line, problem.column) == (8, 19)


def test_themes_must_be_in_the_registry(tmp_path):
    registry = MINIMAL_REGISTRY + "themes:\n  - id: safeguarding\n    name: Safeguarding\n"
    text = minimal_plan(rest="themes: [safeguarding, saftey]\n")
    _, problems = resolve(tmp_path, ("p.yml", text), registry=registry)
    problem = only(problems)
    assert problem.message == "theme 'saftey' is not in the registry"
    assert problem.hint == "known themes: safeguarding"
    assert (problem.line, problem.column) == (9, 24)
