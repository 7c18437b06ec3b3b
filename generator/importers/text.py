"""Text (copied out of Word or a PDF, or tab-separated) → blocks.

Lines with tabs are table rows; a row that continues after a blank line (a cell with
several paragraphs) stays one row. The rest is prose as a PDF gives it: every line
ends where the page's line ended, so wrapped lines are joined back into paragraphs
and items. A line that starts with a label ("1.", "1.1", "a)", "(i)", "NI 94") or a
bullet ("•", "·", "▪", "o", "-", "–", and Word's Symbol-font bullets, which arrive as
private-use characters) starts an item; a short line standing alone is a heading.
HTML left in cells by an extraction is reduced to text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.importers.blocks import Block, Heading, ListBlock, Paragraph, Table, tidy
from generator.importers.columns import date_line, looks_like_heading, split_group_line, split_label

_TAGS = re.compile(r"<[^>]+>")
BULLET = re.compile(r"^\s*(?:[•·▪▫■□●○◦‣⁃∙➢➤►▶✓✔❖◆◇※*]|[\ue000-\uf8ff]|o(?=\s)|[-–—](?=\s)|>(?=\s))\s*")
"""A bullet as it arrives from Word or a PDF; private-use characters are Symbol and Wingdings glyphs."""
_END = re.compile(r"[.!?:;]['\"’”)]*$")
_GROUP_HEADING = re.compile(
    r"^(?:recommendation|key issue|issue|priority|objective|aim|area for (?:development|improvement)|activity|section|part|appendix|annex|theme|target|strand|outcome)s?\b",
    re.I,
)


@dataclass
class Skipped:
    """A line the reader took as a table's column headings and left out of the draft."""

    text: str
    why: str


def _clean(cell: str) -> str:
    return tidy(_TAGS.sub(" ", cell))


def bullet_item(line: str) -> str | None:
    """The words of a bulleted line, or None if it has no bullet."""
    match = BULLET.match(line)
    if not match or not line[match.end() :].strip():
        return None
    return line[match.end() :].strip()


def _table_rows(lines: list[str]) -> list[Table]:
    tables: list[Table] = []
    blank_before = False
    for raw in lines:
        if not raw.strip():
            blank_before = True
            continue
        if "\t" in raw:
            cells = [_clean(cell) for cell in raw.split("\t")]
            filled = [c for c in cells if c]
            heads = bool(filled) and all(looks_like_heading(c) for c in filled) and len(filled) >= 2
            if not tables or (blank_before and heads and len(cells) != len(tables[-1].rows[-1])):
                tables.append(Table())
            tables[-1].rows.append(cells)
        elif tables and any(tables[-1].rows[-1]):
            row = tables[-1].rows[-1]  # a cell with several paragraphs: the extraction put them on lines of their own
            last = max((i for i, cell in enumerate(row) if cell), default=len(row) - 1)
            row[last] = f"{row[last]}\n{_clean(raw)}".strip()
        blank_before = False
    width = max((len(row) for t in tables for row in t.rows), default=0)
    for table in tables:
        wide = max(len(row) for row in table.rows)
        for row in table.rows:
            row += [""] * (wide - len(row))
    del width
    return tables


def _typical_width(lines: list[str]) -> int:
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) > 20)
    return lengths[int(len(lengths) * 0.8)] if lengths else 80


def _is_heading(line: str, previous_ended: bool, next_line: str | None) -> bool:
    text = line.strip()
    if not text or len(text) > 90 or _END.search(text) and not text.endswith(":"):
        return False
    if text.endswith(":") and len(text.split()) > 8:
        return False
    if not previous_ended:
        return False
    if _GROUP_HEADING.match(text):
        return True
    following = next_line is None or not next_line.strip()
    if next_line is not None and not following:
        following = bool(split_label(next_line) or bullet_item(next_line) or split_group_line(next_line))
    letters = [c for c in text if c.isalpha()]
    capitals = bool(letters) and (sum(c.isupper() for c in letters) / len(letters) > 0.7)
    title = sum(1 for w in text.split() if w[:1].isupper()) >= max(1, len(text.split()) * 0.6)
    return following and (capitals or title) and len(text.split()) <= 12


def blocks_from_lines(lines: list[str]) -> list[Block]:
    """Prose lines as a PDF or a copy from one gives them → paragraphs, items and headings."""
    width = _typical_width(lines)
    blocks: list[Block] = []
    current: dict | None = None  # {"kind": "p"|"bullet"|"label", "text": str, "label": str}
    previous_ended = True

    def close() -> None:
        nonlocal current
        if current is not None:
            _close(blocks, current)
        current = None

    for index, raw in enumerate(lines):
        line = _clean(raw)
        if not line:
            close()
            previous_ended = True
            continue
        next_line = next((x for x in lines[index + 1 :] if x.strip()), None) if index + 1 < len(lines) else None
        blank_after = index + 1 >= len(lines) or not lines[index + 1].strip()
        item = bullet_item(line)
        labelled = split_label(line) if item is None else None
        if item is not None:
            close()
            current = {"kind": "bullet", "text": item, "label": ""}
        elif labelled is not None and not (
            current
            and current["kind"] == "p"
            and not previous_ended
            and labelled[0][:1].isalpha()
            and len(labelled[0]) > 2
        ):
            close()
            current = {"kind": "label", "text": labelled[1], "label": labelled[0]}
        elif split_group_line(line) and (
            current is None or current["kind"] != "p" or previous_ended or _short(current["last"], width)
        ):
            close()  # "Key Issue 2: To strengthen…", its wrapped lines joined on: a group's heading
            current = {"kind": "group", "text": line, "label": ""}
        elif looks_like_heading(line) and _column_heads(line):
            close()
            blocks.append(Skipped(line, "column headings of a table"))  # type: ignore[arg-type]
        elif (
            (current is None or previous_ended)
            and not (current is not None and current["kind"] != "p" and date_line(line))  # an item's date
            and _is_heading(line, previous_ended or current is None, next_line)
            and (
                blank_after or next_line is None or split_label(next_line) or bullet_item(next_line) or current is None
            )
        ):
            close()
            blocks.append(Heading(2, line.rstrip(":")))
        elif current is not None and current["kind"] != "p":
            # an item's wrapped line; a date standing on its own line ends the item, unless it ends
            # the item's sentence ("…published in January" / "2002.")
            joiner = "\n" if date_line(line) and not _sentence_goes_on(current["text"], line) else " "
            current["text"] = joined(current["text"], joiner, line)
        elif current is not None and not (
            previous_ended and _END.search(current["text"]) and len(raw.strip()) and _short(current["last"], width)
        ):
            current["text"] = joined(current["text"], " ", line)
        else:
            close()
            current = {"kind": "p", "text": line, "label": ""}
        if current is not None:
            current["last"] = line
        previous_ended = bool(_END.search(line))
    close()
    return blocks


def _close(blocks: list[Block], current: dict) -> None:
    """The paragraph, item or group line being read, as a block (an item joins the list before it)."""
    text = current["text"].strip()
    if current["kind"] == "p":
        blocks.append(Paragraph(text))
    elif current["kind"] == "group":
        blocks.append(Heading(4, text.rstrip(":") if len(text) < 90 else text))
    else:
        style = "bullet" if current["kind"] == "bullet" else "1"
        last = blocks[-1] if blocks else None
        if isinstance(last, ListBlock) and (last.style == "bullet") == (style == "bullet"):
            last.items.append(text)
            last.labels.append(current["label"])
        else:
            blocks.append(ListBlock([text], ordered=style != "bullet", style=style, labels=[current["label"]]))


def joined(text: str, joiner: str, line: str) -> str:
    """A wrapped line joined on; a line broken after a hyphen ("mid-" / "July", "2002-" / "2005") keeps no space."""
    if joiner == " " and re.search(r"[A-Za-z0-9]-$", text) and line[:1].isalnum():
        return text + line
    return f"{text}{joiner}{line}"


_OPEN_END = re.compile(r"\b(?:and|or|to|of|the|in|for|with|by|a|an|on|at|from|than|as)$", re.I)


def _sentence_goes_on(text: str, line: str) -> bool:
    """A line that carries on the sentence before it: that one stops on "and", "to", "the"…, or does
    not end while this one does ("…published in January" / "2002.")."""
    text = text.rstrip()
    return bool(_OPEN_END.search(text)) or not _END.search(text) and bool(_END.search(line.rstrip()))


def _short(line: str, width: int) -> bool:
    return len(line) < width * 0.8


_HEAD_WORD = re.compile(
    r"^(?:no\.?|ref\.?|action(?:s)?|activity|task|lead|person(?:/s)?|responsible|officer|date|by|when|who|whom|timescale(?:s)?|timing|"
    r"target|success|criteria|monitoring|evaluation|resources?|cost|budget|progress|status|recommendation|priority|objective|outcome|"
    r"milestones?|evidence|rag|comments?|how|what|measure(?:s)?|impact|deadline|completion|key|issue|and|of|&|/|-|–|organisation|owner)$",
    re.I,
)


def _column_heads(line: str) -> bool:
    """A line that is only column headings ("No. Action Date By", "Action Lead Person/s Timescale")."""
    tokens = re.findall(r"[^\s/|]+", line)
    return len(tokens) >= 3 and all(_HEAD_WORD.match(t.strip("():?")) for t in tokens)


_ITEM_TAB = re.compile(r"^(\s*(?:[•·▪▫■□●○◦‣⁃∙➢➤►▶✓✔❖◆◇※*\-–—o]|[\ue000-\uf8ff]|\(?[0-9a-z]{1,4}[.)]))\t+")


def blocks_from_text(text: str) -> list[Block]:
    # a tab after a bullet or a label is the list's indent, not a column
    lines = [_ITEM_TAB.sub(r"\1 ", line) for line in text.replace("\r", "").split("\n")]
    blocks: list[Block] = []
    chunk: list[str] = []
    tabbed = False
    last_tab = max((i for i, line in enumerate(lines) if "\t" in line), default=-1)

    def flush() -> None:
        if not chunk:
            return
        if tabbed:
            blocks.extend(_table_rows(chunk))
        else:
            blocks.extend(blocks_from_lines(chunk))
        chunk.clear()

    for index, raw in enumerate(lines):
        has_tab = "\t" in raw
        if has_tab != tabbed and raw.strip():
            # lines without tabs between rows are a cell's further paragraphs; after the last row, prose
            if tabbed and not has_tab and (index < last_tab or _carries_on(chunk, lines, index)):
                chunk.append(raw)
                continue
            flush()
            tabbed = has_tab
        chunk.append(raw)
    flush()
    return blocks


def _carries_on(chunk: list[str], lines: list[str], index: int) -> bool:
    """A line right after the last row (no blank line between) that finishes the row's last cell:
    the cell does not end a sentence, and the line is not a heading."""
    last = chunk[-1] if chunk else ""
    if not last.strip() or _END.search(last.rstrip()) or not lines[index].strip():
        return False
    following = next((x for x in lines[index + 1 :] if x.strip()), None)
    blank_after = index + 1 >= len(lines) or not lines[index + 1].strip()
    line = lines[index].strip()
    heading = _is_heading(line, True, following) and (blank_after or following is None)
    return not heading and len(line) <= 80 and not split_label(line) and not bullet_item(line)


def join_wrapped(lines: list[str]) -> str:
    """A cell's lines as its paragraphs: a line that starts a bullet or a label, or follows a
    sentence's end, starts a new line; any other line carries on the one before."""
    out: list[str] = []
    for line in (tidy(x) for x in lines):
        if not line:
            continue
        starts_item = bool(bullet_item(line) or split_label(line))
        if (
            out
            and not starts_item
            and not (out[-1].endswith((".", ":", ";", "?", "!")) and line[:1].isupper())
            and not (date_line(line) and not _sentence_goes_on(out[-1], line))
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def read_text(path: Path) -> list[Block]:
    return blocks_from_text(path.read_text(encoding="utf-8", errors="replace"))
