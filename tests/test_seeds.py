"""The five seed plans are encoded faithfully.

Every item counted in the seed README (/work/shared/seeds/README.md) is
checked against the YAML in plans/: counts per group and per period, labels
and their defects as printed, verbatim timescales, budgets, statuses,
indicators, risks and milestones. Where the source texts themselves are at
hand, action texts and table cells are also compared with them.

Expected values are written out here, not derived from the YAML, so that a
plan edit that drops or changes an item makes a test fail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel

from generator.cli import check_paths
from generator.model.fields import Mention
from generator.model.plan import Action, Group, Plan
from generator.pipeline import load_and_resolve
from generator.resolve.catalogue import Catalogue

from .helpers import (
    ESSEX,
    MIDDLESBROUGH,
    PLANS,
    SALFORD,
    SEED_FILES,
    SEED_PLAN_IDS,
    SEEDS,
    SOUTHWARK,
    WORCESTERSHIRE,
)

# --- loading -------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded() -> tuple[Catalogue | None, list]:
    return load_and_resolve(PLANS)


@pytest.fixture(scope="module")
def catalogue(loaded) -> Catalogue:
    catalogue, problems = loaded
    assert catalogue is not None
    assert problems == [], [p.format() for p in problems]
    return catalogue


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def group_by_id(plan: Plan, group_id: str) -> Group:
    matches = [group for group, _ in plan.walk_groups() if group.id == group_id]
    assert len(matches) == 1, f"{plan.id}: expected one group '{group_id}', found {len(matches)}"
    return matches[0]


def texts(mentions: list[Mention]) -> list[str]:
    return [mention.text for mention in mentions]


def seed_text(plan_id: str) -> str:
    path = SEEDS / SEED_FILES[plan_id]
    if not path.is_file():
        pytest.skip(f"source text {path} is not available here")
    return path.read_text(encoding="utf-8")


# --- the site as a whole -------------------------------------------------------


def test_the_plans_folder_validates_with_no_problems(loaded):
    catalogue, problems = loaded
    assert catalogue is not None
    assert [p.format() for p in problems] == []


def test_validate_checks_every_plan_and_registry_file():
    problems, summary = check_paths(PLANS, [])
    assert [p.format() for p in problems] == []
    plan_count = len(list(PLANS.glob("*.yml")))
    registry_count = len(list((PLANS / "registry").glob("*.yml")))
    assert summary == f"checked {plan_count + registry_count} file(s)"


def test_exactly_the_five_seed_plans_are_published(catalogue):
    ids = [plan.id for plan in catalogue.plans]
    assert len(ids) == 5
    assert set(ids) == SEED_PLAN_IDS


# --- Salford: timeline grid ----------------------------------------------------

SALFORD_PERIODS = [
    ("p1", "March 2004 – May 2004"),
    ("p2", "June 2004 – August 2004"),
    ("p3", "September 2004 – November 2004"),
    ("p4", "December 2004 – February 2005"),
    ("p5", "March 2005 – May 2005"),
]

SALFORD_COUNTS = {
    "strategic-planning-and-resources": [7, 5, 4, 3, 1],
    "integrated-services": [4, 4, 4, 1, 0],
    "sen-inclusion-and-access": [16, 14, 6, 5, 2],
    "curriculum-governance-and-teacher-development": [5, 10, 5, 1, 2],
}

SALFORD_TITLES = {
    "strategic-planning-and-resources": "Strategic Planning and Resources",
    "integrated-services": "Integrated Services",
    "sen-inclusion-and-access": "Special Educational Needs, Inclusion & Access",
    "curriculum-governance-and-teacher-development": "Curriculum, Governance and Teacher Development",
}


@pytest.fixture(scope="module")
def salford(catalogue) -> Plan:
    return catalogue.plan(SALFORD)


def test_salford_has_99_actions(salford):
    assert len(salford.actions()) == 99


def test_salford_has_the_five_periods_as_printed(salford):
    assert [(period.id, period.label) for period in salford.periods] == SALFORD_PERIODS


def test_salford_has_the_four_strategic_priorities_in_order(salford):
    groups = [group for group, _ in salford.walk_groups()]
    assert [group.id for group in groups] == list(SALFORD_TITLES)
    assert [group.title for group in groups] == list(SALFORD_TITLES.values())
    assert all(group.kind.value == "strategic-priority" for group in groups)


@pytest.mark.parametrize("group_id", list(SALFORD_COUNTS))
def test_salford_activities_per_priority_and_period(salford, group_id):
    group = group_by_id(salford, group_id)
    per_period = Counter(action.period for action in group.actions)
    counts = [per_period.get(period_id, 0) for period_id, _ in SALFORD_PERIODS]
    assert counts == SALFORD_COUNTS[group_id]
    known = {period_id for period_id, _ in SALFORD_PERIODS}
    assert [action.text for action in group.actions if action.period not in known] == []


def test_salford_actions_keep_period_order_within_each_priority(salford):
    order = [period_id for period_id, _ in SALFORD_PERIODS]
    assert list(salford.walk_groups())
    for group, _ in salford.walk_groups():
        positions = [order.index(action.period) for action in group.actions]
        assert positions == sorted(positions), group.id


def test_salford_merged_rows_total_66_in_the_printed_cells(salford):
    merged = [
        a + b
        for a, b in zip(
            SALFORD_COUNTS["sen-inclusion-and-access"], SALFORD_COUNTS["curriculum-governance-and-teacher-development"]
        )
    ]
    assert merged == [21, 24, 11, 6, 4]
    actual = [
        sum(
            1
            for group_id in ("sen-inclusion-and-access", "curriculum-governance-and-teacher-development")
            for action in group_by_id(salford, group_id).actions
            if action.period == period_id
        )
        for period_id, _ in SALFORD_PERIODS
    ]
    assert actual == merged


def test_salford_records_the_merged_row_split_in_the_source_notes(salford):
    notes = [squash(note) for note in salford.source.notes]
    split_notes = [
        note
        for note in notes
        if "Special Educational Needs, Inclusion & Access" in note
        and "Curriculum, Governance and Teacher Development" in note
    ]
    assert split_notes, "no source note names both merged rows"
    assert any("21/24/11/6/4" in note for note in split_notes)


@pytest.mark.parametrize(
    ("group_id", "period", "text"),
    [
        ("strategic-planning-and-resources", "p1", "Training for service plans"),
        ("strategic-planning-and-resources", "p2", "Grounds Maintenance Mowing frequency reviewed"),
        (
            "strategic-planning-and-resources",
            "p5",
            "Rolling Service Level Agreements introduced for Grounds Maintenance",
        ),
        (
            "integrated-services",
            "p3",
            "Possible establishment of an Action Learning set in conjunction with Revans Institute",
        ),
        ("integrated-services", "p4", "Refine data sharing protocols and mechanisms between SIOs and EWOs"),
        (
            "sen-inclusion-and-access",
            "p1",
            "Agree a protocol for the “pilot managed move” initiative with given schools an initiative and monitor and evaluate the progress",
        ),
        ("sen-inclusion-and-access", "p2", "Publish Behaviour Policy as part of LEA Inclusion Strategy"),
        (
            "sen-inclusion-and-access",
            "p3",
            "Review PRU staff deployment in order to provide outreach/reintegration and support",
        ),
        (
            "curriculum-governance-and-teacher-development",
            "p2",
            "Work with schools to develop and up to date database of teacher vacancies",
        ),
        (
            "curriculum-governance-and-teacher-development",
            "p5",
            "Further develop links with HE and CEL promoting access to CPD at all levels",
        ),
    ],
)
def test_salford_activity_texts_verbatim(salford, group_id, period, text):
    group = group_by_id(salford, group_id)
    assert text in [action.text for action in group.actions if action.period == period]


def test_salford_activity_texts_are_distinct(salford):
    counts = Counter(action.text for action in salford.actions())
    assert [text for text, n in counts.items() if n > 1] == []


def test_salford_every_activity_is_in_the_source_text(salford):
    # Cells broken over lines are joined in the YAML; "outreach/ reintegration" rejoins at the slash.
    source = squash(seed_text(SALFORD)).replace("/ ", "/")
    missing = [action.text for action in salford.actions() if action.text not in source]
    assert missing == []


# --- Southwark: priority → activities → actions --------------------------------

SOUTHWARK_ACTIVITIES = {
    "5.1": ["1)", "2)", "3a)", "3b)", "3c)", "4a)", "4b)"],
    "5.2": ["1a)", "1b)", "2)", "3a)", "3b)", "3c)", "3c)"],
    "5.3": ["1a)", "1b)", "1c)", "1d)", "2)", "3)"],
    "5.4": ["1)", "2)", "3)", "3b)", "4)"],
    "5.5": ["1a)", "1b)", "1c)", "1d)", "2)", "3)"],
    "5.6": ["1)", "2)", "3)", "4)"],
}

SOUTHWARK_SSRE = {
    "5.1": ("1-7", "All aspects – specifically Leadership and management"),
    "5.2": ("7", "Leadership and management"),
    "5.3": ("7", "Leadership and management"),
    "5.4": ("7", "Leadership and management"),
    "5.5": ("1", "Teaching and learning"),
    "5.6": ("2", "Attainment"),
}


@pytest.fixture(scope="module")
def southwark(catalogue) -> Plan:
    return catalogue.plan(SOUTHWARK)


@pytest.fixture(scope="module")
def priority_5(southwark) -> Group:
    assert len(southwark.groups) == 1
    group = southwark.groups[0]
    assert group.label == "5"
    assert group.kind.value == "priority"
    return group


def test_southwark_priority_5_has_the_six_activities_in_order(priority_5):
    assert [group.label for group in priority_5.groups] == list(SOUTHWARK_ACTIVITIES)
    assert all(group.kind.value == "activity" for group in priority_5.groups)
    assert priority_5.actions == []


def test_southwark_has_35_actions_7_7_6_5_6_4(southwark, priority_5):
    assert [len(group.actions) for group in priority_5.groups] == [7, 7, 6, 5, 6, 4]
    assert len(southwark.actions()) == 35


@pytest.mark.parametrize("activity", list(SOUTHWARK_ACTIVITIES))
def test_southwark_action_labels_kept_as_printed(southwark, activity):
    group = group_by_id(southwark, activity)
    assert [action.label for action in group.actions] == SOUTHWARK_ACTIVITIES[activity]


def test_southwark_action_ids_are_unique(southwark):
    ids = [action.id for action in southwark.actions()]
    assert len(ids) == len(set(ids)) == 35


def test_southwark_duplicate_3c_in_5_2_is_kept_and_flagged(southwark):
    group = group_by_id(southwark, "5.2")
    twins = [action for action in group.actions if action.label == "3c)"]
    assert len(twins) == 2
    assert twins[0].id != twins[1].id
    assert twins[0].text.startswith("Provide induction programme for new and acting headteachers")
    assert twins[1].text == "Develop the mentor scheme for new headteachers"
    assert twins[1].source_note and "3c" in twins[1].source_note
    assert group.source_note and "3c" in group.source_note


def test_southwark_5_4_keeps_3b_without_3a(southwark):
    labels = [action.label for action in group_by_id(southwark, "5.4").actions]
    assert "3b)" in labels and "3a)" not in labels


def test_southwark_every_action_has_responsible_audience_monitoring_and_timescale(southwark):
    missing = []
    for action in southwark.actions():
        if action.id != "5.3-1d" and not action.responsible:
            missing.append((action.id, "responsible"))
        if not action.audience:
            missing.append((action.id, "audience"))
        if action.monitoring is None or not action.monitoring.text:
            missing.append((action.id, "monitoring"))
        if action.timescale is None or not action.timescale.text:
            missing.append((action.id, "timescale"))
    assert missing == []


def test_southwark_5_3_1d_responsible_is_tba(southwark):
    action = next(a for a in southwark.actions() if a.id == "5.3-1d")
    assert action.label == "1d)"
    assert action.responsible == []
    assert action.monitoring is not None and action.monitoring.text == "TBA"
    assert action.source_note and "TBA" in action.source_note


@pytest.mark.parametrize(
    ("activity", "label", "timescale"),
    [
        ("5.1", "3a)", "Trial of adaptation in Autumn term 2003; Implement 03-04 academic year."),
        ("5.1", "1)", "Continuing - Annually"),
        ("5.1", "3c)", "Termly link visit – annual review meeting. (Autumn)"),
        ("5.2", "1b)", "From April 2003"),
        ("5.3", "2)", "June 2002"),
        ("5.6", "1)", "Continuing – Half yearly"),
        ("5.6", "2)", "Continuing – Annually"),
        ("5.6", "4)", "Termly review"),
    ],
)
def test_southwark_timescales_verbatim(southwark, activity, label, timescale):
    action = next(a for a in group_by_id(southwark, activity).actions if a.label == label)
    assert action.timescale is not None
    assert action.timescale.text == timescale


def test_southwark_both_spellings_of_senior_adviser_development_survive(southwark):
    responsible = {mention.text for action in southwark.actions() for mention in action.responsible}
    assert "Senior Advisor (Development)" in responsible
    assert "Senior Adviser (Development)" in responsible
    assert "Senior adviser (Development)" in responsible
    advisor = [a.id for a in southwark.actions() if "Senior Advisor (Development)" in texts(a.responsible)]
    assert advisor == ["5.3-2"]


SOUTHWARK_CRITERIA = {"5.1": 6, "5.2": 2, "5.3": 4, "5.4": 2, "5.5": 2, "5.6": 2}
SOUTHWARK_EVALUATION = {"5.1": 4, "5.2": 4, "5.3": 4, "5.4": 4, "5.5": 4, "5.6": 1}


@pytest.mark.parametrize("activity", list(SOUTHWARK_ACTIVITIES))
def test_southwark_each_activity_has_ssre_area_success_criteria_and_evaluation(southwark, activity):
    group = group_by_id(southwark, activity)
    facts = {fact.label: (fact.value, fact.detail) for fact in group.facts}
    assert facts.get("Key SSRE Area(s)") == SOUTHWARK_SSRE[activity]
    assert len(group.success_criteria) == SOUTHWARK_CRITERIA[activity]
    assert all(criterion.text.strip() for criterion in group.success_criteria)
    assert len(group.evaluation) == SOUTHWARK_EVALUATION[activity]
    assert all(arrangement.text.strip() and arrangement.by for arrangement in group.evaluation)


def test_southwark_criteria_and_evaluation_are_in_the_source_word_for_word(southwark):
    source = squash(seed_text(SOUTHWARK))
    found = 0
    for group in group_by_id(southwark, "5").groups:
        for criterion in group.success_criteria:
            printed = re.sub(r"\[\[#[^|\]]+\|([^\]]+)\]\]", r"\1", criterion.text)
            assert printed in source, (group.id, printed)
            found += 1
        for arrangement in group.evaluation:
            assert arrangement.text in source, (group.id, arrangement.text)
            for mention in arrangement.by:
                assert f"by {mention.text}" in arrangement.text, (group.id, mention.text)
    assert found == sum(SOUTHWARK_CRITERIA.values()) == 18


def test_southwark_local_kpis_exist_and_are_referenced(southwark):
    indicators = {indicator.id: indicator.code for indicator in southwark.indicators}
    assert indicators == {"kpi17": "local KPI17", "kpi18": "local KPI18"}
    referenced = {group.id: group.indicators for group, _ in southwark.walk_groups() if group.indicators}
    assert referenced == {"5.1": ["kpi17"], "5.3": ["kpi18"], "5.6": ["kpi18"]}
    for group_id, (anchor, code) in {
        "5.1": ("kpi17", "local KPI17"),
        "5.3": ("kpi18", "local KPI18"),
        "5.6": ("kpi18", "local KPI18"),
    }.items():
        # printed "(local KPI17)": the words stay, written as an inline reference to the indicator,
        # and the criterion is linked to the indicator that measures it
        criteria = group_by_id(southwark, group_id).success_criteria
        linked = [c for c in criteria if f"([[#{anchor}|{code}]])" in c.text]
        assert len(linked) == 1 and linked[0].indicators == [anchor]


def test_southwark_links_to_other_plans_kept(priority_5):
    assert ("Links to other plans or parts of the EDP", "SEN, behaviour support plan Priority 1, 2, 3, 4") in [
        (fact.label, fact.value) for fact in priority_5.facts
    ]
    assert [(link.text, link.ref) for link in priority_5.links] == [
        ("SEN", "southwark-sen-plan"),
        ("behaviour support plan Priority 1, 2, 3, 4", "southwark-behaviour-support-plan"),
    ]


def southwark_source_rows() -> list[list[str]]:
    """The action rows of the source's tables: label+text, responsible, audience, monitoring, timing."""
    rows = []
    for line in seed_text(SOUTHWARK).splitlines():
        if re.match(r"^\d[a-d]?\) ", line):
            cells = [cell.strip() for cell in line.split("\t")]
            assert len(cells) == 5, line
            rows.append(cells)
    return rows


def test_southwark_actions_match_the_source_rows(southwark):
    rows = southwark_source_rows()
    actions = southwark.actions()
    assert len(rows) == len(actions) == 35
    for action, (first, responsible, audience, monitoring, timing) in zip(actions, rows):
        assert first.startswith(f"{action.label} "), (action.id, first)
        printed = first[len(action.label) + 1 :]
        lead = action.text.split("\n", 1)[0]
        assert printed == action.text or ("\n" in action.text and printed.startswith(lead)), action.id
        assert action.timescale is not None and action.timescale.text == timing, action.id
        assert action.monitoring is not None and action.monitoring.text == monitoring, action.id
        for mention in action.responsible:
            assert mention.text in responsible, (action.id, mention.text)
        for mention in action.audience:
            assert mention.text in audience, (action.id, mention.text)
        for mention in action.monitoring.by + action.monitoring.to:
            assert mention.text in monitoring, (action.id, mention.text)


def test_southwark_activity_titles_match_the_source(southwark):
    printed = dict(re.findall(r"^Activity (5\.\d)\t([^\t]+)", seed_text(SOUTHWARK), flags=re.M))
    assert {group.label: group.title for group in group_by_id(southwark, "5").groups} == {
        label: title.strip() for label, title in printed.items()
    }


# --- Middlesbrough: recommendations → proposed actions -------------------------

MIDDLESBROUGH_ROWS = {
    "a": 1, "b": 1, "c": 1, "d": 1, "e": 2, "f": 1, "g": 2,
    "h": 1, "i": 1, "j": 1, "k": 3, "l": 5, "m": 1,
}  # fmt: skip


@pytest.fixture(scope="module")
def middlesbrough(catalogue) -> Plan:
    return catalogue.plan(MIDDLESBROUGH)


def test_middlesbrough_has_13_recommendations_a_to_m_in_order(middlesbrough):
    groups = middlesbrough.groups
    assert [group.label for group in groups] == [f"{letter})" for letter in "abcdefghijklm"]
    assert all(group.kind.value == "recommendation" for group in groups)
    assert all(group.text and group.text.startswith("That") for group in groups)


def test_middlesbrough_action_rows_per_recommendation(middlesbrough):
    counts = {group.id: len(group.actions) for group in middlesbrough.groups}
    assert counts == MIDDLESBROUGH_ROWS
    assert len(middlesbrough.actions()) == 21


def first_action(plan: Plan, group_id: str) -> Action:
    return group_by_id(plan, group_id).actions[0]


def test_middlesbrough_budgets(middlesbrough):
    budgets = [action.budget for action in middlesbrough.actions() if action.budget is not None]
    assert sum(1 for budget in budgets if budget.text == "n/a") == 10  # b c d e f g h i j m
    assert first_action(middlesbrough, "a").budget.text == "n/a n/a n/a"
    assert all(budget.amount is None for budget in budgets if "n/a" in budget.text)

    conference = first_action(middlesbrough, "l").budget
    assert conference is not None
    assert conference.text == "£3,000"
    assert conference.amount == Decimal(3000)

    fair = first_action(middlesbrough, "k").budget
    assert fair is not None
    assert fair.text.startswith("Cost of venue hire")
    assert "Schools to provide 'stands'" in fair.text
    assert fair.amount is None


@pytest.mark.parametrize(
    ("group_id", "timescale"),
    [
        ("a", "15/10/14 26/11/14 7/1/15"),
        ("c", "Quarterly 12/11/14 04/02/15"),
        ("g", "Termly"),
        ("i", "Complete"),
        ("m", "First half term Autumn 2014"),
        ("b", "24/9/14 (Primary and SEN Heads' Forum) 29/9/14 (Secondary Heads' Forum)"),
        ("d", "Annually"),
        ("l", "8/12/14"),
    ],
)
def test_middlesbrough_timescales_verbatim(middlesbrough, group_id, timescale):
    assert timescale in [a.timescale.text for a in group_by_id(middlesbrough, group_id).actions if a.timescale]


def test_middlesbrough_milestone_dates_are_read_day_first(middlesbrough):
    dated = [
        m
        for action in middlesbrough.actions()
        for m in action.milestones
        if m.when and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", m.when)
    ]
    assert len(dated) == 10  # a 3, b 2, c 2, f 2, l 1
    for milestone in dated:
        day, month, year = (int(part) for part in milestone.when.split("/"))
        assert milestone.date == dt.date(2000 + year, month, day), milestone.when
    briefings = first_action(middlesbrough, "a").milestones
    assert [(m.when, m.date) for m in briefings] == [
        ("15/10/14", dt.date(2014, 10, 15)),
        ("26/11/14", dt.date(2014, 11, 26)),
        ("7/1/15", dt.date(2015, 1, 7)),
    ]
    quarterly = first_action(middlesbrough, "c").milestones
    assert [m.date for m in quarterly] == [dt.date(2014, 11, 12), dt.date(2015, 2, 4)]


def test_middlesbrough_in_place_statuses_keep_their_words(middlesbrough):
    for group_id, words in (
        ("c", "This action is in place."),
        ("d", "This action is in place"),
        ("i", "This is in place."),
    ):
        status = first_action(middlesbrough, group_id).status
        assert status is not None, group_id
        assert status.state.value == "in-place"
        assert status.text == words
    assert first_action(middlesbrough, "c").text == "This action is in place."


def test_middlesbrough_published_date(middlesbrough):
    assert middlesbrough.published is not None
    assert middlesbrough.published.text == "09 December 2014"
    assert middlesbrough.published.date == dt.date(2014, 12, 9)


def test_middlesbrough_single_line_actions_are_in_the_source(middlesbrough):
    source = squash(seed_text(MIDDLESBROUGH))
    single = [action.text for action in middlesbrough.actions() if "\n" not in action.text]
    assert len(single) == 20
    assert [text for text in single if text not in source] == []


# --- Essex: narrative proposal under consultation ------------------------------


@pytest.fixture(scope="module")
def essex(catalogue) -> Plan:
    return catalogue.plan(ESSEX)


def section_by_title(plan: Plan, title: str):
    matches = [section for section, _ in plan.walk_sections() if section.title == title]
    assert len(matches) == 1, title
    return matches[0]


def lettered_lists(body: str) -> list[list[tuple[str, str]]]:
    """Runs of consecutive lines "a. ...", "b. ..." in a Markdown body."""
    runs: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in body.splitlines():
        match = re.match(r"^([a-z])\. (.+)$", line)
        if match:
            current.append((match.group(1), match.group(2)))
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def test_essex_is_under_consultation_with_feedback_invited(essex):
    assert essex.status.value == "consultation"
    assert essex.consultation is not None
    assert "formal consultation process" in essex.consultation.text
    assert essex.consultation.feedback and essex.consultation.feedback.startswith("We welcome your feedback")


def test_essex_daily_rate_is_a_fact_and_in_the_narrative(essex):
    assert [fact.value for fact in essex.facts if "daily rate" in fact.label] == ["£450"]
    traded = section_by_title(essex, "Traded offer")
    assert "The proposed traded daily rate for maintained schools and academies is £450." in traded.body


def test_essex_section_structure(essex):
    assert [section.title for section in essex.sections] == [
        "Why change?",
        "What are the main proposed changes?",
        "What are the ways of working we are not proposing to change?",
        "How you may wish contribute to the process:",
        "Further information from us:",
    ]
    changes = section_by_title(essex, "What are the main proposed changes?")
    assert [section.title for section in changes.sections] == [
        "Proposed School Improvement Service Structure Chart 2017/18 (transitional)",
        "Cross phase working",
        "Working with School Partnerships Proposal",
        "Traded offer",
    ]
    unchanged = section_by_title(essex, "What are the ways of working we are not proposing to change?")
    assert [section.title for section in unchanged.sections] == [
        "Schools Causing Concern",
        "Special Schools, Mainstream Schools with Enhanced Provisions and Pupil Referral Units (PRU)",
    ]
    why = section_by_title(essex, "Why change?")
    assert len(re.findall(r"^- ", why.body, flags=re.M)) == 5


@pytest.mark.parametrize(
    ("title", "count", "first", "last"),
    [
        (
            "Working with School Partnerships Proposal",
            4,
            "Data analysis of schools within the partnership in partnership with headteachers",
            "Monitoring and support for schools where outcomes for vulnerable pupils are of a particular cause for concern",
        ),
        ("Traded offer", 10, "Headteacher performance management", "Planning of conferences/events"),
        (
            "Special Schools, Mainstream Schools with Enhanced Provisions and Pupil Referral Units (PRU)",
            8,
            "Investigating safeguarding complaints",
            "Support for structural solutions – federations, amalgamations and support to the development of Multi Academy Trusts",
        ),
    ],
)
def test_essex_lettered_lists(essex, title, count, first, last):
    runs = lettered_lists(section_by_title(essex, title).body)
    assert len(runs) == 1, runs
    items = runs[0]
    assert [letter for letter, _ in items] == list("abcdefghij"[:count])
    assert items[0][1] == first
    assert items[-1][1] == last


def test_essex_has_exactly_three_lettered_lists_of_4_10_8(essex):
    sizes = [len(run) for section, _ in essex.walk_sections() if section.body for run in lettered_lists(section.body)]
    assert sizes == [4, 10, 8]


def test_essex_milestones(essex):
    assert [milestone.when for milestone in essex.milestones] == [
        "September 2017",
        "September 2018",
        "before the end of term",
        "the start of next term",
    ]


def test_essex_lettered_items_are_in_the_source(essex):
    source = seed_text(ESSEX)
    printed = re.findall(r"^- ([a-z])\. (.+)$", source, flags=re.M)
    encoded = [
        item
        for section, _ in essex.walk_sections()
        if section.body
        for run in lettered_lists(section.body)
        for item in run
    ]
    assert encoded == [(letter, text.strip()) for letter, text in printed]


# --- Worcestershire: indicator delivery plan -----------------------------------


@pytest.fixture(scope="module")
def worcestershire(catalogue) -> Plan:
    return catalogue.plan(WORCESTERSHIRE)


@pytest.fixture(scope="module")
def ni94(worcestershire):
    assert [indicator.id for indicator in worcestershire.indicators] == ["ni-94"]
    return worcestershire.indicators[0]


def test_worcestershire_ni94_baseline(ni94):
    assert ni94.code == "NI 94"
    assert ni94.baseline is not None
    assert ni94.baseline.value == Decimal(72)
    assert ni94.baseline.period == "2008"
    assert ni94.baseline.text == "72% (2008)"


def test_worcestershire_ni94_targets_and_designation(ni94):
    assert [(t.period, t.value, t.text) for t in ni94.targets] == [
        ("2008/09", Decimal(84), "84%"),
        ("2009/10", Decimal(84), "84%"),
        ("2010/11", None, "Not set"),
    ]
    assert ni94.designation == "Designated"


def test_worcestershire_depends_on_ni_73(worcestershire):
    laa = [d for d in worcestershire.dependencies if d.on == "NI 73"]
    assert len(laa) == 1
    assert laa[0].kind == "LAA priority"
    assert texts(laa[0].managed_by) == ["Children and Young People's Strategic Partnership"]


def test_worcestershire_has_an_equality_section(worcestershire):
    equality = [section for section, _ in worcestershire.walk_sections() if "equality" in section.title.lower()]
    assert len(equality) == 1
    assert "ethnicity, SEN status, children in care" in equality[0].body


def test_worcestershire_three_risks(worcestershire):
    risks = worcestershire.risks
    assert [risk.impact for risk in risks] == ["High", "Nil", "Low"]
    assert [risk.likelihood for risk in risks] == ["High", "Medium", "High"]
    assert all(risk.how_managed for risk in risks)


def test_worcestershire_four_activities(worcestershire):
    actions = worcestershire.actions()
    assert len(actions) == 4
    assert all(action.responsible and action.timescale for action in actions)


def test_worcestershire_objective_78_percent_by_2011(worcestershire):
    assert any(
        action.success_measures and "78% by 2011" in action.success_measures for action in worcestershire.actions()
    )


def test_worcestershire_prepared_by_and_partners(worcestershire):
    assert texts(worcestershire.prepared_by) == ["Ray Westwood, Service Development Manager Education Performance"]
    assert worcestershire.prepared is not None and worcestershire.prepared.text == "October 2009"
    assert texts(worcestershire.partners) == [
        "First & Primary Schools",
        "National Primary Strategy team",
        "Worcestershire County Council",
    ]
    assert texts(worcestershire.lead) == ["Michael Hunter (WCVYS)"]


# --- names: every mention resolves to the registry -----------------------------


def collect_mentions(value: Any, where: str = "") -> Iterator[tuple[str, Mention]]:
    """Every Mention inside a model, with a dotted path to it."""
    if isinstance(value, Mention):
        yield where, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from collect_mentions(item, f"{where}[{index}]")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from collect_mentions(getattr(value, name), f"{where}.{name}" if where else name)


def registry_names(catalogue: Catalogue) -> set[str]:
    names: set[str] = set()
    for kind in ("organisations", "teams", "roles", "people", "audiences"):
        for entry in getattr(catalogue.registry, kind):
            names.add(entry.name.casefold())
            names.update(alias.casefold() for alias in entry.aliases)
    return names


def unresolved_mentions(catalogue: Catalogue, plans: list[Plan]) -> list[str]:
    names = registry_names(catalogue)
    return [
        f"{plan.id}: {where}: {mention.text!r}"
        for plan in plans
        for where, mention in collect_mentions(plan)
        if mention.text.casefold() not in names
    ]


def test_every_mention_resolves_to_a_registry_name_or_alias(catalogue):
    assert unresolved_mentions(catalogue, catalogue.plans) == []


def test_mentions_are_collected_from_every_place_they_occur(catalogue):
    places = {
        re.sub(r"\[\d+\]", "", where).split(".")[-1] for plan in catalogue.plans for where, _ in collect_mentions(plan)
    }
    assert {"responsible", "audience", "by", "to", "lead", "partners", "prepared_by", "managed_by"} <= places
    counts = {plan.id: sum(1 for _ in collect_mentions(plan)) for plan in catalogue.plans}
    assert counts[SALFORD] == 0  # the grid names no one
    assert all(counts[plan_id] > 0 for plan_id in SEED_PLAN_IDS - {SALFORD})


def test_an_unknown_name_is_reported_as_unresolved(catalogue):
    plan = catalogue.plan(SOUTHWARK).model_copy(deep=True)
    plan.groups[0].groups[0].actions[0].responsible.append(Mention(text="Head of Nowhere In Particular"))
    assert unresolved_mentions(catalogue, [plan]) == [
        f"{SOUTHWARK}: groups[0].groups[0].actions[0].responsible[1]: 'Head of Nowhere In Particular'"
    ]
