"""generator/diff.py: changes between two versions of the real plans, in the plans' own words."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.history.diff import diff_plan, diff_sites, timing_note
from generator.history.diff_format import format_markdown, format_text, markdown_escape
from generator.model.fields import Mention, Milestone, Status, Timescale
from generator.model.plan import Action, Indicator, IndicatorValue
from generator.pipeline import load_and_resolve

from .helpers import PLANS


@pytest.fixture(scope="module")
def plans():
    catalogue, problems = load_and_resolve(PLANS)
    assert problems == []
    return {plan.id: plan for plan in catalogue.plans}


def edited(plans, plan_id):
    return plans[plan_id], plans[plan_id].model_copy(deep=True)


def group(plan, label):
    return next(g for g, _ in plan.walk_groups() if g.label == label)


def sentences(before, after):
    return [change.sentence for change in diff_plan(before, after).changes]


def test_an_unchanged_plan_has_no_changes(plans):
    assert plans
    for plan in plans.values():
        assert sentences(plan, plan.model_copy(deep=True)) == []


def test_fields_of_an_action_in_its_own_words(plans):
    before, after = edited(plans, "southwark-edp-2002-07")
    actions = group(after, "5.3").actions
    actions[0].responsible = [Mention(text="Head of MIAS")]
    actions[1].text = actions[1].text.replace("Common Transfer system", "the Common Transfer File")
    actions[4].timescale = Timescale(text="Autumn 2002")
    actions[4].milestones = [Milestone(text="Programme agreed", when="July 2002")]
    assert sentences(before, after) == [
        "who is responsible for 5.3 action 1a: added “Head of MIAS”; removed “Head of Business Infrastructure”",
        "wording of 5.3 action 1b changed from “…Southwark secondary schools using Common Transfer system. Work with "
        "neighbouring LEAs…” to “…Southwark secondary schools using the Common Transfer File. Work with neighbouring LEAs…”",
        "timescale of 5.3 action 2 changed from “June 2002” to “Autumn 2002” — start moved 3 months later, end moved 6 months later",
        "milestones of 5.3 action 2: added “Programme agreed” (when “July 2002”)",
    ]


def test_status_of_a_recommendation_with_one_action(plans):
    before, after = edited(plans, "middlesbrough-school-improvement-scrutiny-2014")
    group(after, "c)").actions[0].status = Status(state="complete")
    assert sentences(before, after) == [
        "status of recommendation c changed from in place (“This action is in place.”) to complete"
    ]


def test_inserting_an_unlabelled_action_does_not_change_the_ones_after_it(plans):
    before, after = edited(plans, "salford-post-ofsted-action-plan-2004")
    after.groups[0].actions.insert(2, Action(text="A new action for the panel."))
    assert sentences(before, after) == [
        "Action 3 of strategic priority “Strategic Planning and Resources” added: “A new action for the panel.”"
    ]


def test_an_action_moved_to_another_group(plans):
    before, after = edited(plans, "salford-post-ofsted-action-plan-2004")
    moved = after.groups[0].actions.pop(4)
    after.groups[1].actions.append(moved)
    found = sentences(before, after)
    assert found == [
        "Action 5 of strategic priority “Strategic Planning and Resources” moved from strategic priority "
        "“Strategic Planning and Resources” to strategic priority “Integrated Services”"
    ]


def test_removed_group_is_one_change_not_one_per_action(plans):
    before, after = edited(plans, "southwark-edp-2002-07")
    five = after.groups[0]
    five.groups = [g for g in five.groups if g.label != "5.6"]
    assert sentences(before, after) == [
        "Activity 5.6 removed: “Improve the strategies, systems and data to support the identification of "
        "under-achieving pupils.” with 4 actions"
    ]


def test_indicator_targets_by_period(plans):
    before, after = edited(plans, "worcestershire-laa-delivery-plan-ni-94")
    indicator: Indicator = after.indicators[0]
    indicator.targets = indicator.targets[:-1] + [IndicatorValue(period=indicator.targets[-1].period, text="99%")]
    (found,) = sentences(before, after)
    assert found.startswith(f"targets of indicator {indicator.code}: “{indicator.targets[-1].period}”: text ")


def test_plans_added_and_removed_and_the_registry(plans):
    catalogue, _ = load_and_resolve(PLANS)
    rest = [p for p in catalogue.plans if p.id != "essex-school-improvement-model-2017"]
    registry = catalogue.registry.model_copy(deep=True)
    registry.themes = registry.themes[1:]
    diff = diff_sites(rest, catalogue.plans, registry, catalogue.registry)
    assert [(p.plan_id, p.status) for p in diff.plans] == [("essex-school-improvement-model-2017", "added")]
    assert [c.sentence for c in diff.registry] == [f"theme “{catalogue.registry.themes[0].name}” added"]
    text = format_text(diff, "a", "b")
    assert text.endswith("2 change(s) in 1 plan(s) and the registry.\n")


@pytest.mark.parametrize(
    "before, after, note",
    [
        ("Autumn 2003", "Spring 2004", "start moved 4 months later, end moved 3 months later"),
        ("June 2002", "June 2003", "moved 1 year later"),
        ("24/9/14", "8/10/14", "moved 2 weeks later"),
        ("24/9/14", "22/9/14", "moved 2 days earlier"),
        ("TBA", "Autumn 2003", "now dated"),
        ("Autumn 2003", "Continuing", "no longer dated"),
        ("From April 2003", "April 2003", "now has an end date"),
    ],
)
def test_timing_notes(before, after, note):
    assert timing_note(Timescale(text=before), Timescale(text=after)) == note


def test_explicit_dates_count(plans):
    assert timing_note(Timescale(text="Autumn 2003"), Timescale(text="Autumn 2003", end=dt.date(2004, 1, 31))) == (
        "end moved 1 month later"
    )


def test_markdown_escapes_what_would_become_markup():
    assert markdown_escape("<script>x</script> *bold* [link](http://x) `code` | 5. item") == (
        "&lt;script&gt;x&lt;/script&gt; \\*bold\\* \\[link\\](http://x) \\`code\\` \\| 5. item"
    )
    assert markdown_escape("1. not a list") == "1\\. not a list"
    assert markdown_escape("# not a heading") == "\\# not a heading"


def test_markdown_report_has_a_section_per_plan(plans):
    before, after = edited(plans, "middlesbrough-school-improvement-scrutiny-2014")
    after.title = "A *new* title"
    diff = diff_sites([before], [after])
    report = format_markdown(diff, "main", "HEAD")
    assert "#### A \\*new\\* title" in report
    assert "- title of the plan changed from “Children and Learning Scrutiny Panel" in report
