"""A site's changes as text for a terminal or as Markdown for a pull request
(``plansite diff``), from the ``SiteDiff`` that generator/history/diff.py makes."""

from __future__ import annotations

import html
import re

from generator.history.diff import SiteDiff


def format_text(diff: SiteDiff, base: str = "", head: str = "") -> str:
    """Plain text, one change a line, under each plan's title."""
    heading = f"Changes to the plans from {base} to {head}" if base and head else "Changes to the plans"
    if diff.empty:
        return f"{heading}: none.\n"
    lines = [heading, ""]
    for plan in diff.plans:
        lines.append(f"{plan.title} ({plan.plan_id})")
        lines += [f"  - {change.sentence}" for change in plan.changes]
        lines.append("")
    if diff.registry:
        lines.append("Registry (names, abbreviations and themes shared by all plans)")
        lines += [f"  - {change.sentence}" for change in diff.registry]
        lines.append("")
    lines.append(
        f"{diff.count()} change(s) in {len(diff.plans)} plan(s){' and the registry' if diff.registry else ''}."
    )
    return "\n".join(lines) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^([#+-]|[0-9]+(?=[.)]\s))")


def markdown_escape(text: str) -> str:
    """One line of text for Markdown (GitHub, MkDocs): HTML escaped, and the characters
    that would make emphasis, links, code, tables or a list escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), escaped)


def format_markdown(diff: SiteDiff, base: str = "", head: str = "") -> str:
    """Markdown for a pull request's job summary: a heading, then a list per plan."""
    span = f" from `{base.replace('`', '')}` to `{head.replace('`', '')}`" if base and head else ""
    heading = f"### Changes to the plans{span}"
    if diff.empty:
        return f"{heading}\n\nNo changes to the plans.\n"
    lines = [heading, ""]
    for plan in diff.plans:
        lines += [f"#### {markdown_escape(plan.title)}", "", f"`{plan.plan_id}` · {plan.status}", ""]
        lines += [f"- {markdown_escape(change.sentence)}" for change in plan.changes]
        lines.append("")
    if diff.registry:
        lines += ["#### Registry", ""] + [f"- {markdown_escape(c.sentence)}" for c in diff.registry] + [""]
    lines.append(
        f"{diff.count()} change(s) in {len(diff.plans)} plan(s){' and the registry' if diff.registry else ''}."
    )
    return "\n".join(lines) + "\n"
