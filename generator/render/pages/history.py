"""History pages: one page per plan listing each change to its file, newest first, in the
public's words: references shown as the words they show on the plan ("local KPI17", not
``[[#kpi17|local KPI17]]``), themes by their names, the commit message as the editor's note,
and the commit and file only at the end of each entry.

Commit messages and plan text are untrusted: escaped on the pages.
"""

from __future__ import annotations

import re
from typing import Any

from generator.model.plan import Plan
from generator.model.wording import INLINE_REFERENCE
from generator.render.context import SiteContext
from generator.resolve.links import find_target
from generator.site_map import history_page, plan_feed

_QUOTED = re.compile(r"“([^”]*)”")
_REF = re.compile(r"\bref “([^”]+)”")
_CHANGED = re.compile(r"^(?P<what>.*?) changed from “(?P<before>[^”]*)” to “(?P<after>[^”]*)”(?P<rest>.*)$", re.DOTALL)


def public_words(sentence: str, plan: Plan, ctx: SiteContext) -> str:
    """A change's sentence as the public reads the plan: each inline reference as its words
    (or, without words, the title of what it names), theme ids as theme names; a change that
    only added or removed a reference says so instead of quoting the same words twice."""
    targets = ctx.catalogue.targets

    def reference(match: re.Match[str]) -> str:
        words = (match.group(2) or "").strip()
        if words:
            return words
        target = find_target(targets, plan, match.group(1).strip())
        return target.title if target else match.group(1).strip()

    text = INLINE_REFERENCE.sub(reference, sentence)
    text = _REF.sub(lambda m: f"linking to “{_title(m.group(1), plan, targets)}”", text)
    text = text.replace(" (relation related)", "").replace(", relation related)", ")")
    if text.startswith("themes of "):
        names = {theme.id: theme.name for theme in ctx.catalogue.registry.themes}
        text = _QUOTED.sub(lambda m: f"“{names.get(m.group(1), m.group(1))}”", text)
    changed, raw = _CHANGED.match(text), _CHANGED.match(sentence)
    if changed and raw and changed["before"] == changed["after"] and sentence != text:
        text = f"{changed['what']}: {_links_changed(raw['before'], raw['after'], reference)}; the words are unchanged"
    return text[:1].upper() + text[1:]


def _title(ref: str, plan: Plan, targets: dict[str, Any]) -> str:
    """What a reference names, in words: its title (a plan, a part of one, an outside document)."""
    target = find_target(targets, plan, ref)
    return target.title if target is not None else ref


def note_paragraphs(body: str) -> list[list[str]]:
    """A commit message's body as paragraphs of lines: the lines a paragraph was wrapped at
    joined again, a list's items kept one to a line."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines: list[str] = []
        for line in block.splitlines():
            line = line.strip()
            if lines and not re.match(r"^([-*•]|\d+[.)])\s", line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            paragraphs.append(lines)
    return paragraphs


def _links_changed(before: str, after: str, words: Any) -> str:
    """What changed between two texts that read the same: the references added or taken out."""
    was = {m.group(0): words(m) for m in INLINE_REFERENCE.finditer(before)}
    now = {m.group(0): words(m) for m in INLINE_REFERENCE.finditer(after)}
    added = [f"“{w}”" for markup, w in now.items() if markup not in was]
    removed = [f"“{w}”" for markup, w in was.items() if markup not in now]
    said = []
    if added:
        said.append(f"{', '.join(added)} now {'links' if len(added) == 1 else 'link'} to what it names")
    if removed:
        said.append(f"{', '.join(removed)} no longer {'links' if len(removed) == 1 else 'link'} anywhere")
    return " and ".join(said) or "a link in them changed"


def history_pages(ctx: SiteContext) -> dict[str, str]:
    """One page per plan listing each change to its file, newest first (none without history)."""
    history = ctx.history
    if history is None:
        return {}
    template = ctx.env.get_template("history.md.j2")
    pages = {}
    for plan in ctx.catalogue.plans:
        here = history_page(plan.id)
        entries = history.of(plan.id).entries
        pages[here] = template.render(
            plan=plan,
            here=here,
            history=history,
            entries=entries,
            say=lambda change, plan=plan: public_words(change.sentence, plan, ctx),
            note=note_paragraphs,
            anchors={item.id for _, item, _ in plan.anchored_items()},
            feed=plan_feed(plan.id) if entries else None,
        )
    return pages
