"""A Plone site exported with collective.exportimport → draft plans and a redirects map.

The export is one JSON array of items, or a folder of one JSON file per item.
Documents (and News Items) become draft plans: their rich text is read like
any HTML page; ``review_state`` becomes the plan's status; ``resolveuid/…``
links to other exported documents become ``[[plan-id|words]]`` references;
every old ``@id`` path becomes a redirect, so the old addresses keep working.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from generator.importers.draft import draft_plan
from generator.importers.html import blocks_from_html
from generator.model.fields import slugify

DOCUMENT_TYPES = {"Document", "News Item"}
REVIEW_STATES = {
    "published": "adopted",
    "visible": "adopted",
    "internally_published": "adopted",
    "pending": "draft",
    "private": "draft",
    "internal": "draft",
}
_LINK = re.compile(r"<a\b[^>]*\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.I | re.S)
_RESOLVE_UID = re.compile(r"resolveuid/([0-9a-f]{32})", re.I)


@dataclass
class PloneImport:
    plans: list[dict[str, Any]]
    redirects: list[dict[str, str]]


def read_export(path: Path) -> list[dict[str, Any]]:
    """The exported items: a JSON array, one JSON object, or a folder of JSON files."""
    files = sorted(path.rglob("*.json")) if path.is_dir() else [path]
    items: list[dict[str, Any]] = []
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        items += data if isinstance(data, list) else [data]
    return items


def _old_path(item: dict[str, Any]) -> str:
    return urlparse(item.get("@id", "")).path.strip("/")


def _links(html: str, targets: dict[str, str]) -> str:
    """Links as text the draft keeps: ``[[plan-id|words]]`` inside the site, ``[words](url)`` outside."""

    def replace(match: re.Match[str]) -> str:
        href, words = match.group(1), re.sub(r"<[^>]+>", "", match.group(2)).strip()
        uid = _RESOLVE_UID.search(href)
        if uid and uid.group(1).lower() in targets:
            return f"[[{targets[uid.group(1).lower()]}|{words}]]"
        if href.startswith(("http://", "https://", "mailto:")):
            return f"[{words}]({href})"
        return words

    return _LINK.sub(replace, html)


def import_export(items: list[dict[str, Any]], organisation: str) -> PloneImport:
    """Draft plans from the exported documents, and old path → new page redirects."""
    documents = [item for item in items if item.get("@type") in DOCUMENT_TYPES]
    ids: dict[str, str] = {}
    used: set[str] = set()
    for item in documents:
        segments = _old_path(item).split("/")
        base = slugify(segments[-1] if segments and segments[-1] else item.get("title", "plan")).replace(".", "-")
        candidate = base
        for parent in reversed(segments[:-1]):  # a clash takes its folder's name too
            if candidate not in used:
                break
            candidate = f"{slugify(parent)}-{candidate}"
        used.add(candidate)
        ids[item.get("UID", candidate).lower()] = candidate
    plans, redirects = [], []
    for item in documents:
        plan_id = ids[item.get("UID", "").lower()] if item.get("UID", "").lower() in ids else None
        text = (
            (item.get("text") or {}).get("data", "") if isinstance(item.get("text"), dict) else item.get("text") or ""
        )
        blocks = blocks_from_html(f"<h1>{item.get('title', '')}</h1>" + _links(text, ids))
        plan = draft_plan(
            blocks,
            plan_id=plan_id,
            organisation=organisation,
            source_title=item.get("@id", item.get("title", "")),
            source_format="Plone page (collective.exportimport)",
        )
        state = item.get("review_state")
        plan["status"] = REVIEW_STATES.get(state or "", "draft")
        if state:
            plan["status_text"] = f"Plone review state: {state}"
        if item.get("description"):
            plan["summary"] = item["description"]
        plans.append(plan)
        if _old_path(item):
            redirects.append({"old_path": _old_path(item), "to": plan["id"]})
    return PloneImport(plans, redirects)
