"""Progress: where each action stands, and roll-ups per group and plan.

Render-stage reading of the Catalogue. An action's stated state is its newest
dated update that gives one, else its ``status``; "overdue" is never written,
only derived: a stated "not started" or "in progress" whose end date has
passed by the build date. The browser re-derives it against today. An action
with no stated state is "not reported", which is not the same as late.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from generator.model.assessment import Criterion
from generator.model.fields import ActionState, first_day, last_day
from generator.model.plan import Action
from generator.model.timescales import When


class Progress(str, Enum):
    complete = "complete"
    in_progress = "in-progress"
    not_started = "not-started"
    overdue = "overdue"
    ongoing = "ongoing"
    dropped = "dropped"
    not_reported = "not-reported"


PROGRESS_WORDS = {
    Progress.complete: "Complete or in place",
    Progress.in_progress: "In progress",
    Progress.not_started: "Not started",
    Progress.overdue: "Overdue",
    Progress.ongoing: "Ongoing",
    Progress.dropped: "Dropped",
    Progress.not_reported: "No progress reported",
}
"""Roll-up order and words."""

_UNFINISHED = {ActionState.in_progress: Progress.in_progress, ActionState.not_started: Progress.not_started}
_SETTLED = {
    ActionState.complete: Progress.complete,
    ActionState.in_place: Progress.complete,
    ActionState.dropped: Progress.dropped,
    ActionState.ongoing: Progress.ongoing,
}


def stated_state(action: Action | Criterion) -> ActionState | None:
    """The newest update's state, else the status; None when the plan says nothing. A success
    criterion is read the same way (``complete`` when it is met)."""
    for update in sorted(action.updates, key=lambda u: (first_day(u.date), last_day(u.date)), reverse=True):
        if update.status is not None:
            return update.status
    return action.status.state if action.status else None


def progress_of(action: Action | Criterion, when: When | None, today: dt.date) -> Progress:
    """Where the action stands on ``today``."""
    stated = stated_state(action)
    if stated in _SETTLED:
        return _SETTLED[stated]
    if stated in _UNFINISHED:
        end = when.end if when else None
        return Progress.overdue if end is not None and end < today else _UNFINISHED[stated]
    return Progress.not_reported


@dataclass(frozen=True)
class Rollup:
    """Counts of actions by progress, in the fixed order of PROGRESS_WORDS."""

    counts: tuple[tuple[Progress, int], ...]
    total: int

    @property
    def reported(self) -> int:
        return self.total - dict(self.counts).get(Progress.not_reported, 0)

    def percent(self, progress: Progress) -> float:
        return round(100 * dict(self.counts).get(progress, 0) / self.total, 1) if self.total else 0.0


def rollup(actions: list[Action] | list[Criterion], whens: dict[str, When], today: dt.date) -> Rollup:
    counter = Counter(progress_of(a, whens.get(a.id or ""), today) for a in actions)
    counts = tuple((p, counter[p]) for p in PROGRESS_WORDS if counter[p])
    return Rollup(counts, len(actions))
