"""The Jinja environment the pages are rendered in, and the small helpers every
template may call.
"""

from __future__ import annotations

from typing import Any

from jinja2 import (
    BytecodeCache,
    Environment,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket

from generator.model.plan import Action, Group, Plan
from generator.render.filters import Filters
from generator.render.wording import ACTION_COLUMNS


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in a build cache's store between builds (``mkdocs serve``
    builds a new environment for every rebuild); Jinja keys them by name and source, so an
    edited template is compiled again."""

    def __init__(self, compiled: dict[str, bytes]) -> None:
        self.compiled = compiled

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def make_environment(filters: Filters, compiled: dict[str, bytes] | None = None) -> Environment:
    """The environment every page is rendered in: autoescaped, strict about undefined names,
    with the filters registered; ``compiled`` keeps compiled templates between builds."""
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        bytecode_cache=CompiledTemplates({} if compiled is None else compiled),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists ("## Title {#anchor}") start with "{#",
        # Jinja's default comment marker, so comments are "<# ... #>" here.
        comment_start_string="<#",
        comment_end_string="#>",
    )
    filters.register(env)
    env.globals["ACTION_COLUMNS"] = ACTION_COLUMNS
    env.globals["matrix_label"] = matrix_label
    return env


def matrix_label(plan: Plan, anchor: str, heading: str) -> str:
    """The label a matrix column's heading starts with ("a)" of "a) Measures be..."), which
    is all the column shows on paper; "" where the heading does not start with a label."""
    owners = [group for group, _ in plan.walk_groups()] + plan.actions()
    label = next((owner.label for owner in owners if owner.id and owner.id == anchor), None) or ""
    return label if label and heading.startswith(label + " ") else ""


def action_columns(actions: list[Action]) -> list[tuple[str, str]]:
    """The columns a group's action table needs: only those some action fills."""
    return [(name, title) for name, title in ACTION_COLUMNS if any(getattr(a, name) for a in actions)]


def grid_rows(plan: Plan) -> list[tuple[Group, dict[str, list[Action]]]]:
    """Timeline grid: each top-level group's actions (and its descendants'), by period id."""
    rows = []
    for group in plan.groups:
        cells: dict[str, list[Action]] = {period.id: [] for period in plan.periods}
        stack = [group]
        while stack:
            current = stack.pop(0)
            for action in current.actions:
                if action.period in cells:
                    cells[action.period].append(action)
            stack[:0] = current.groups
        if any(cells.values()):
            rows.append((group, cells))
    return rows


class OnDemand(dict):
    """A mapping that computes a missing value from its key, once."""

    def __init__(self, make: Any):
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.make(key)
        return value
