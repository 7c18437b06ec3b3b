"""Monitoring reports: plans that report on another plan, checked and indexed.

Part of the resolve stage. A monitoring report (``reports_on``) records progress on the
actions, success criteria and groups of the plan it reports on, each at a day or a month.
Every entry's item must exist in that plan (when the plan is on this site) and every entry
needs a date (its own, or the report's ``as_of``); problems point at the entry. The index
lets the reported plan's pages show the latest progress on each item, with a link to the
report it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.load.reader import Document
from generator.model.assessment import ItemProgress
from generator.model.fields import Month, first_day, last_day
from generator.model.plan import Group, Plan, PlanKind
from generator.problems import Problem


@dataclass(frozen=True)
class Reported:
    """One progress entry of a report, on one item of the plan it reports on."""

    report: Plan
    group: Group | None
    """The report's group the entry is written in (None at the report's top level)."""
    entry: ItemProgress
    date: dt.date | Month
    """The entry's date, else the report's ``as_of``."""
    number: int
    """The entry's place in its list (its group's ``progress``, or the report's)."""

    @property
    def anchor(self) -> str:
        """Where the report's page shows the entry (``progress_anchor``)."""
        return progress_anchor(self.group, self.number)

    @property
    def sort_key(self) -> tuple[dt.date, dt.date, str]:
        return first_day(self.date), last_day(self.date), self.report.id


def progress_anchor(group: Group | None, number: int) -> str:
    """The anchor of a report's progress entry: ``progress-<group id>-<n>``, ``progress-<n>`` at the top."""
    return f"progress-{group.id}-{number + 1}" if group is not None else f"progress-{number + 1}"


@dataclass
class ReportIndex:
    """Who reports on what: reports by the plan they report on, entries by item."""

    reports: dict[str, list[Plan]]
    """Plan id → the monitoring reports on it, oldest first."""
    items: dict[str, dict[str, list[Reported]]]
    """Plan id → item id → the progress reported on it, oldest first."""

    def latest(self, plan_id: str, item_id: str) -> Reported | None:
        found = self.items.get(plan_id, {}).get(item_id)
        return found[-1] if found else None


def _item_ids(plan: Plan) -> set[str]:
    return {item.id for kind, item, _ in plan.anchored_items() if kind in ("group", "action", "criterion")}


def _loc(group_locs: dict[int, tuple], group: Group | None, index: int) -> tuple:
    return (group_locs[id(group)] if group is not None else ()) + ("progress", index)


def _group_locs(plan: Plan) -> dict[int, tuple]:
    return {id(item): loc for kind, item, loc in plan.anchored_items() if kind == "group"}


def check_reports(plans: list[tuple[Plan, Document]]) -> tuple[ReportIndex, list[Problem]]:
    """Check every report's ``reports_on`` and progress entries; index them by reported item.

    A ``reports_on`` naming nothing known is reported where references are checked
    (generator/resolve/links.py); here only what a report says about its items."""
    by_id = {plan.id: plan for plan, _ in plans}
    index = ReportIndex({}, {})
    problems: list[Problem] = []
    for plan, document in plans:
        entries = plan.progress_entries()
        if plan.kind is PlanKind.monitoring_report and not plan.reports_on:
            problems.append(
                document.problem(
                    ("kind",),
                    "a monitoring report needs `reports_on`: the id of the plan it reports on",
                    "add `reports_on: <plan-id>` at the top level",
                )
            )
        if not plan.reports_on:
            if entries:
                group, number, _ = entries[0]
                problems.append(
                    document.problem(
                        _loc(_group_locs(plan), group, number),
                        "progress on another plan's items needs `reports_on`: the id of the plan reported on",
                        "add `reports_on: <plan-id>` at the top level, or record this plan's own progress as `updates`",
                    )
                )
            continue
        if plan.reports_on == plan.id:
            problems.append(document.problem(("reports_on",), "a plan cannot report on itself"))
            continue
        reported = by_id.get(plan.reports_on.partition("#")[0])
        if "#" in plan.reports_on:
            problems.append(
                document.problem(
                    ("reports_on",),
                    f"`reports_on` names a part of a plan ('{plan.reports_on}'); give the plan's id alone",
                    "each progress entry's `on` names the part",
                )
            )
            continue
        if reported is not None:
            index.reports.setdefault(reported.id, []).append(plan)
        known = _item_ids(reported) if reported is not None else None
        locs = _group_locs(plan)
        for group, number, entry in entries:
            loc = _loc(locs, group, number)
            date = entry.date or plan.as_of
            if date is None:
                problems.append(
                    document.problem(
                        loc,
                        f"progress on '{entry.on}' has no date",
                        "give it a `date` (YYYY-MM-DD, or YYYY-MM for a month), or the report an `as_of`",
                    )
                )
            if reported is not None and known is not None and entry.on not in known:
                problems.append(
                    document.problem(
                        loc + ("on",),
                        f"'{entry.on}' is not an action, success criterion or group of '{reported.id}'",
                        "use the id after '#' in the item's address on that plan's page",
                    )
                )
                continue
            if reported is not None and date is not None:
                reported_item = index.items.setdefault(reported.id, {}).setdefault(entry.on, [])
                reported_item.append(Reported(plan, group, entry, date, number))
    for plan_reports in index.reports.values():
        plan_reports.sort(key=lambda report: (first_day(report.as_of) if report.as_of else dt.date.min, report.id))
    for items in index.items.values():
        for found in items.values():
            found.sort(key=lambda reported: reported.sort_key)
    return index, problems
