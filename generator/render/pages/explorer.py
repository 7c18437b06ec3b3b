"""The actions explorer: its page and the JSON its script filters."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.model.plan import Action, Group, Plan
from generator.model.wording import group_heading, plain_text
from generator.render.context import SiteContext
from generator.render.packed import joined
from generator.resolve.catalogue import Catalogue
from generator.resolve.parties import (
    Party,
)
from generator.resolve.progress import (
    PROGRESS_WORDS,
    progress_of,
)
from generator.site_map import (
    DATA_PAGE,
    EXPLORER_DATA,
    EXPLORER_PAGE,
    WHATS_ON_PAGE,
    page_url,
    plan_page,
    relative_url,
)


@dataclass(frozen=True)
class ExplorerRow:
    """One action as the explorer shows and filters it."""

    key: str
    plan: Plan
    group: Group
    action: Action
    when: Any
    progress: Any
    parties: tuple[Party, ...]
    audiences: tuple[Party, ...]
    terms: tuple[str, ...]


def explorer_rows(catalogue: Catalogue, build_date: dt.date) -> list[ExplorerRow]:
    """Every action of every plan, with what the explorer filters on."""
    terms = site_terms(catalogue)
    return [row for plan in catalogue.plans for row in plan_rows(catalogue, plan, build_date, terms)]


def site_terms(catalogue: Catalogue) -> list[tuple]:
    """Every term a plan's actions span, once, in plan order: (name, year, start, end)."""
    terms = []
    for plan in catalogue.plans:
        whens = catalogue.whens.get(plan.id, {})
        days = [d for w in whens.values() for d in (w.start, w.end) if d]
        if days:
            terms += catalogue.calendar.terms_between(min(days), max(days))
    return list(dict.fromkeys(terms))  # once: every plan adds the terms it spans


def plan_rows(catalogue: Catalogue, plan: Plan, build_date: dt.date, terms: list[tuple]) -> list[ExplorerRow]:
    """A plan's actions, with what the explorer filters on (``terms``: ``site_terms``)."""
    directory = catalogue.directory
    rows = []
    whens = catalogue.whens.get(plan.id, {})
    for group, _ in plan.walk_groups():
        for action in group.actions:
            when = whens.get(action.id)
            mentions = action.responsible + action.partners
            if action.monitoring:
                mentions = mentions + action.monitoring.by + action.monitoring.to
            parties = tuple(dict.fromkeys(p for m in mentions if (p := directory.party_of(m))))
            audiences = tuple(dict.fromkeys(p for m in action.audience if (p := directory.party_of(m))))
            start = when.start if when and when.start else (when.end if when else None)
            end = when.end if when and when.end else start
            touched = tuple(f"{name}-{year}" for name, year, s, e in terms if start and end and s <= end and e >= start)
            rows.append(
                ExplorerRow(
                    f"{plan.id}--{action.id}",
                    plan,
                    group,
                    action,
                    when,
                    progress_of(action, when, build_date),
                    parties,
                    audiences,
                    touched,
                )
            )
    return rows


EXPLORER_LIMIT = 200
"""On a large site the explorer draws this many matching rows at a time ("Show more" adds as many)."""


def _explorer_json(records: Iterator[bytes], rows: list[ExplorerRow], large: bool) -> Iterator[bytes]:
    """The explorer's JSON, in UTF-8, a plan's rows at a time (``records``: each the rows of
    a plan, ``row_record`` joined by commas): what each row can be filtered and sorted by; on
    a large site, whose explorer page has no row per action, also what a row shows (its words
    as printed, escaped by the browser: the explorer sets them as text, never as markup). At
    1,000 plans the whole file as Python objects and then as text was about 600 MB, so it is
    never made whole (``packed.joined``)."""
    yield b'{"actions":['
    first = True
    for record in records:
        if record:
            yield record if first else b"," + record
            first = False
    yield b"]"
    if large:
        yield b',"plans":' + _compact_json({row.plan.id: row.plan.title for row in rows})
        yield b',"progress":' + _compact_json({progress.value: label for progress, label in PROGRESS_WORDS.items()})
    yield b"}\n"


def row_record(row: ExplorerRow, large: bool, directory_urls: bool) -> bytes:
    """One row of the explorer's JSON (``_explorer_json``)."""
    here = page_url(EXPLORER_PAGE, directory_urls)
    record: dict[str, Any] = {
        "row": row.key,
        "plan": row.plan.id,
        "organisation": row.plan.organisation,
        "parties": [p.key for p in row.parties],
        "audiences": [p.id for p in row.audiences],
        "terms": list(row.terms),
        "start": row.when.start.isoformat() if row.when and row.when.start else None,
        "end": row.when.end.isoformat() if row.when and row.when.end else None,
        "progress": row.progress.value,
    }
    words = [row.action.label or "", plain_text(row.action.text), group_heading(row.group)]
    if large:
        record.update(
            url=relative_url(f"{page_url(plan_page(row.plan.id), directory_urls)}#{row.action.id}", here),
            title=" ".join(filter(None, words[:2])),
            group=words[2],
            who=[m.text for m in row.action.responsible],
            partners=[m.text for m in row.action.partners],
            audience=[m.text for m in row.action.audience],
            when=row.when.text if row.when else None,
        )  # the words searched are these fields (plansite.js), not a second copy of them
    else:
        names = [m.text for m in row.action.responsible + row.action.partners + row.action.audience]
        record["text"] = " ".join(words + names).strip()
    return _compact_json(record)


def _compact_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _term_order(term: str) -> tuple[int, int]:
    """ "autumn-2003" → (2003, 2): terms in the order of a calendar year."""
    name, year = term.split("-")
    return int(year), ["spring", "summer", "autumn"].index(name)


def _rows_and_records(ctx: SiteContext, plan_keys: dict[str, str]) -> tuple[list[ExplorerRow], list[bytes]]:
    """Every plan's rows and their JSON records, from the build cache for a plan whose pages
    (``plan_keys``) and the site's terms have not changed since it made them."""
    catalogue = ctx.catalogue
    terms = site_terms(catalogue)
    shared = hashlib.sha256(repr((terms, ctx.large, ctx.directory_urls)).encode("utf-8")).hexdigest()
    rows: list[ExplorerRow] = []
    records: list[bytes] = []
    for plan in catalogue.plans:
        key = f"{shared}:{plan_keys[plan.id]}"
        held = ctx.cache.explorer_plans.get(plan.id)
        if held is None or held[0] != key:
            own = plan_rows(catalogue, plan, ctx.build_date, terms)
            record = b",".join(row_record(row, ctx.large, ctx.directory_urls) for row in own)
            held = ctx.cache.explorer_plans[plan.id] = (key, own, record)
        rows += held[1]
        records.append(held[2])
    return rows, records


def explorer_pages(ctx: SiteContext, plan_keys: dict[str, str]) -> dict[str, Any]:
    """The explorer's page and its data file (packed as it is written)."""
    rows, records = _rows_and_records(ctx, plan_keys)
    seen_terms = sorted({t for r in rows for t in r.terms}, key=_term_order)
    by_name = lambda party: (party.name.casefold(), party.key)  # noqa: E731
    page = ctx.env.get_template("explorer.md.j2").render(
        catalogue=ctx.catalogue,
        here=EXPLORER_PAGE,
        rows=rows,
        data_file=EXPLORER_DATA,
        organisations=sorted({r.plan.organisation for r in rows}),
        parties=sorted({p for r in rows for p in r.parties}, key=by_name),
        audiences=sorted({p for r in rows for p in r.audiences}, key=by_name),
        terms=[(t, f"{t.split('-')[0].title()} term {t.split('-')[1]}") for t in seen_terms],
        explorer_limit=EXPLORER_LIMIT,
        whats_on_page=WHATS_ON_PAGE,
        data_page=DATA_PAGE,
    )
    data = joined(_explorer_json(iter(records), rows, ctx.large), ctx.pack)
    return {EXPLORER_PAGE: page, EXPLORER_DATA: data}
