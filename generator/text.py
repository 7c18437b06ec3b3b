"""Small text helpers shared by the stages."""

from __future__ import annotations

import re

_MARKUP = re.compile(r"[*_`#>\[\]]")


def plain_text(markdown: str | None) -> str:
    """Markdown reduced to one line of plain text (for titles, summaries, calendars)."""
    if not markdown:
        return ""
    return " ".join(_MARKUP.sub("", markdown).split())
