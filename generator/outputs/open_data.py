"""Open data: every plan as JSON and its actions as CSV, and the site-wide files.

Deterministic: rows in plan order, the build date from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from generator.render.packed import Writer, held
from generator.render.parallel import render_all
from generator.resolve.catalogue import Catalogue
from generator.site_map import (
    CSV_COLUMNS,
    data_files,
    page_url,
    plan_page,
)

# --- open data: JSON and CSV ------------------------------------------------------

ACTIONS_CSV = "actions.csv"
CRITERIA_CSV = "criteria.csv"
PLANS_JSON = "plans.json"
CRITERIA_CSV_COLUMNS = (
    "plan_id",
    "criterion_id",
    "page",
    "group_id",
    "group",
    "label",
    "text",
    "indicators",
    "timescale",
    "start",
    "end",
    "precision",
    "status",
    "status_text",
    "progress",
    "updates",
)
"""One row per success criterion of every plan (they are not actions, so not in actions.csv)."""
SCHEMA_FILES = ("schema/plan.schema.json", "schema/registry.schema.json")


def _plan_record(catalogue: Catalogue, plan, today: dt.date) -> dict:
    """A plan as open data: the model as written, plus what was derived from it."""
    from generator.resolve.progress import progress_of

    whens = catalogue.whens.get(plan.id, {})
    derived = {}
    for action in plan.actions():
        when = whens.get(action.id)
        derived[action.id] = {
            "start": when.start.isoformat() if when and when.start else None,
            "end": when.end.isoformat() if when and when.end else None,
            "precision": when.precision.value if when and when.precision else None,
            "progress": progress_of(action, when, today).value,
        }
    record = {
        "plan": plan.model_dump(mode="json", exclude_none=True),
        "derived": {"as_of": today.isoformat(), "actions": derived},
    }
    criteria = {}
    for _, criterion in plan.criteria():
        when = whens.get(criterion.id)
        criteria[criterion.id] = {
            "start": when.start.isoformat() if when and when.start else None,
            "end": when.end.isoformat() if when and when.end else None,
            "precision": when.precision.value if when and when.precision else None,
            "deadline": bool(when and when.deadline),
            "progress": progress_of(criterion, when, today).value,
        }
    if criteria:
        record["derived"]["criteria"] = criteria
    reported = {
        item_id: {
            "report": found[-1].report.id,
            "date": found[-1].date.isoformat(),
            **({"status": found[-1].entry.status.value} if found[-1].entry.status else {}),
            **({"rag": found[-1].entry.rag.value} if found[-1].entry.rag else {}),
        }
        for item_id, found in sorted(catalogue.reported.items.get(plan.id, {}).items())
    }
    if reported:
        record["derived"]["reported"] = reported
    return record


def _json(value) -> str:
    import json

    # Compact: json's C encoder only runs without indent (ten times faster on a large site).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv(rows: list[dict], columns: tuple[str, ...] = CSV_COLUMNS) -> str:
    """Rows as CSV, after the byte order mark (so Excel reads UTF-8) and the column names."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def _action_rows(catalogue: Catalogue, plan, today: dt.date, site_url: str | None) -> list[dict]:
    from generator.model.wording import group_heading, plain_text
    from generator.resolve.progress import progress_of

    whens = catalogue.whens.get(plan.id, {})
    rows = []
    for group, _ in plan.walk_groups():
        for action in group.actions:
            when = whens.get(action.id)
            page = page_url(plan_page(plan.id)) + f"#{action.id}"
            rows.append(
                {
                    "plan_id": plan.id,
                    "action_id": action.id,
                    "page": urljoin(site_url, page) if site_url else page,
                    "group_id": group.id,
                    "group": group_heading(group),
                    "label": action.label or "",
                    "text": plain_text(action.text),
                    "responsible": "; ".join(m.text for m in action.responsible),
                    "partners": "; ".join(m.text for m in action.partners),
                    "audience": "; ".join(m.text for m in action.audience),
                    "monitoring": action.monitoring.text if action.monitoring else "",
                    "timescale": action.timescale.text if action.timescale else (when.text if when else ""),
                    "start": when.start.isoformat() if when and when.start else "",
                    "end": when.end.isoformat() if when and when.end else "",
                    "precision": when.precision.value if when and when.precision else "",
                    "budget": action.budget.text if action.budget else "",
                    "budget_amount": str(action.budget.amount)
                    if action.budget and action.budget.amount is not None
                    else "",
                    "status": action.status.state.value if action.status else "",
                    "status_text": action.status.text or "" if action.status else "",
                    "progress": progress_of(action, when, today).value,
                    "updates": len(action.updates),
                }
            )
    return rows


def criteria_rows(catalogue: Catalogue, today: dt.date, site_url: str | None) -> list[dict]:
    """Every success criterion of every plan, one row each, in plan order."""
    from generator.model.wording import group_heading, plain_text
    from generator.resolve.progress import progress_of

    rows = []
    for plan in catalogue.plans:
        whens = catalogue.whens.get(plan.id, {})
        for group, criterion in plan.criteria():
            when = whens.get(criterion.id or "")
            page = page_url(plan_page(plan.id)) + f"#{criterion.id}"
            rows.append(
                {
                    "plan_id": plan.id,
                    "criterion_id": criterion.id,
                    "page": urljoin(site_url, page) if site_url else page,
                    "group_id": group.id if group else "",
                    "group": group_heading(group) if group else "",
                    "label": criterion.label or "",
                    "text": plain_text(criterion.text),
                    "indicators": "; ".join(criterion.indicators),
                    "timescale": criterion.timescale.text if criterion.timescale else "",
                    "start": when.start.isoformat() if when and when.start else "",
                    "end": when.end.isoformat() if when and when.end else "",
                    "precision": when.precision.value if when and when.precision else "",
                    "status": criterion.status.state.value if criterion.status else "",
                    "status_text": criterion.status.text or "" if criterion.status else "",
                    "progress": progress_of(criterion, when, today).value,
                    "updates": len(criterion.updates),
                }
            )
    return rows


_PLAN_JSON_START = b'{"$schema":"../schema/plan.schema.json",'


def _plan_data(catalogue: Catalogue, plan, build_date: dt.date, site_url: str | None, pack: bool) -> tuple[Any, Any]:
    """A plan's JSON file and CSV file, in UTF-8 (packed, with ``pack``, in the render worker
    that made them, so that the whole site's open data never arrives unpacked at once)."""
    record = _json(_plan_record(catalogue, plan, build_date)).encode("utf-8")
    rows = _csv(_action_rows(catalogue, plan, build_date, site_url)).encode("utf-8")
    return held(_PLAN_JSON_START + record[1:], pack), held(rows, pack)


def open_data(
    catalogue: Catalogue, build_date: dt.date, site_url: str | None = None, pack: bool = False
) -> dict[str, Any]:
    """Per plan a JSON and a CSV; for the site plans.json, actions.csv, criteria.csv and the JSON Schemas
    (UTF-8 bytes, or packed, like the calendars)."""
    from generator.model.plan import Plan
    from generator.model.registry import Registry
    from generator.model.schema import json_schema

    # Each plan is serialised once; the site-wide files are written from the plans' own
    # files, a plan at a time (the same bytes as serialising all).
    files: dict[str, Any] = {}
    header = _csv([]).encode("utf-8")
    plans_json, actions_csv = Writer(pack), Writer(pack)
    plans_json.write(b'{"plans":[')
    actions_csv.write(header)
    jobs: list[Callable[[], tuple[Any, Any]]] = [
        functools.partial(_plan_data, catalogue, plan, build_date, site_url, pack) for plan in catalogue.plans
    ]
    for index, (plan, (json_file, csv_file)) in enumerate(zip(catalogue.plans, render_all(jobs))):
        files[data_files(plan.id)[1]], files[data_files(plan.id)[0]] = json_file, csv_file
        record = json_file.bytes() if pack else json_file
        plans_json.write((b",{" if index else b"{") + record[len(_PLAN_JSON_START) : -1])  # no $schema, no newline
        rows = csv_file.bytes() if pack else csv_file
        actions_csv.write(rows[len(header) :])
    registry = _json(catalogue.registry.model_dump(mode="json", exclude_none=True)).removesuffix("\n").encode("utf-8")
    plans_json.write(b'],"registry":' + registry + b"}\n")
    files[PLANS_JSON] = plans_json.close()
    files[ACTIONS_CSV] = actions_csv.close()
    criteria = _csv(criteria_rows(catalogue, build_date, site_url), CRITERIA_CSV_COLUMNS)
    files[CRITERIA_CSV] = held(criteria.encode("utf-8"), pack)
    files[SCHEMA_FILES[0]] = held(json_schema(Plan, "plan.schema.json").encode("utf-8"), pack)
    files[SCHEMA_FILES[1]] = held(json_schema(Registry, "registry.schema.json").encode("utf-8"), pack)
    return files
