"""How plans are judged: success criteria, an inspection's findings, and the progress a
monitoring report records against another plan's items.

- A ``Criterion`` is an item of its own, at plan or group level: a label as printed, the
  words, a timescale, the indicators that measure it, a status and dated updates. It is not
  an action and is never counted as one.
- ``Findings`` hold what an inspection or review found about a part of a plan: strengths
  and weaknesses with the source's paragraph references, and a grade as printed.
- ``ItemProgress`` is one row of a monitoring report (a plan whose ``reports_on`` names
  another plan): progress on one action, criterion or group of that plan, at a day or a
  month, with commentary and evidence.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import model_validator

from generator.model.fields import (
    ActionState,
    DayOrMonth,
    ItemId,
    Markdown,
    Rag,
    StatusField,
    Strict,
    Text,
    TimescaleField,
    Update,
    written_as_text,
)


class Criterion(Strict):
    """A success criterion or target: how the plan, or a part of it, will know it has worked.

    Written as text alone, or with its label as printed, a timescale, the indicators that
    measure it, a status and dated updates. Criteria are listed, dated and reported on as
    criteria, never counted as actions."""

    id: ItemId | None = None
    """Stable id, unique in the plan; made from its group's id and its label (or its place) when left out."""
    label: str | None = None
    """The label as printed ("1.4 & 3.4", "SC2"). Kept as text."""
    text: Markdown
    """The criterion as written."""
    timescale: TimescaleField | None = None
    """When it is to be met, as written ("July 2004 and quarterly", "By July 2005")."""
    indicators: list[ItemId] = []
    """Ids of the plan's indicators that measure it."""
    status: StatusField | None = None
    """Where it stands, in the actions' words: ``complete`` when it is met, ``in-progress``, ``not-started``..."""
    updates: list[Update] = []
    """Dated progress updates, oldest first."""
    source_note: str | None = None
    """How this criterion was read from the source document, or a defect kept on purpose."""


CriterionField = Annotated[Criterion, written_as_text(Criterion)]


class Finding(Strict):
    """A strength or a weakness as the source states it, with its paragraph references."""

    text: Markdown
    """The finding as written."""
    paragraphs: list[Text] = []
    """The source's paragraph numbers for it, as printed ("34", "37-39")."""


FindingField = Annotated[Finding, written_as_text(Finding)]


class Findings(Strict):
    """What an inspection or review found about this part of the plan."""

    source: str | None = None
    """The report the findings come from, as printed ("Inspection report, March 2003")."""
    grade: str | None = None
    """The grade as printed ("4", "Unsatisfactory", "Poor (6)")."""
    scale: str | None = None
    """What the grades mean, as the source explains them ("1 excellent to 7 very poor")."""
    summary: Markdown | None = None
    """The source's overall judgement, as written."""
    paragraphs: list[Text] = []
    """The source's paragraph numbers for the findings as a whole, as printed."""
    strengths: list[FindingField] = []
    """Strengths, one per finding."""
    weaknesses: list[FindingField] = []
    """Weaknesses, one per finding."""

    @model_validator(mode="after")
    def _says_something(self) -> Findings:
        if not (self.grade or self.summary or self.strengths or self.weaknesses):
            raise ValueError("findings need at least a grade, a summary, a strength or a weakness")
        return self


class ItemProgress(Strict):
    """Progress on one item of the plan a monitoring report reports on (its ``reports_on``),
    at a date: one row of the report."""

    on: ItemId
    """The id of the action, success criterion or group of the plan reported on ("5.1-3a")."""
    date: DayOrMonth | None = None
    """When the progress stood so: a day (YYYY-MM-DD) or a month (YYYY-MM); the report's ``as_of`` when left out."""
    status: ActionState | None = None
    """Where the item stands, in the actions' words (``complete`` for a criterion that is met)."""
    rag: Rag | None = None
    """Red, amber or green, where the report rates it."""
    text: Markdown | None = None
    """The progress as the report words it."""
    commentary: Markdown | None = None
    """The report's commentary on it."""
    evidence: Markdown | None = None
    """The evidence the report cites (minutes, visit notes, data)."""
    source_note: str | None = None
    """How this row was read from the source document."""

    @model_validator(mode="after")
    def _says_something(self) -> ItemProgress:
        if not (self.status or self.rag or self.text or self.commentary or self.evidence):
            raise ValueError("progress needs at least a status, a rating, a text, commentary or evidence")
        return self
