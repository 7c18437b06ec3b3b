"""YAML syntax errors in an editor's words, at the line where the trouble starts.

libyaml reports where it gave up, in parser words ("did not find expected key (while
parsing a block mapping)"). Where it gave up is often far from the mistake: a quote left
open on line 42 is "closed" by the next quote in the file, on line 55, and the error comes
there. So the text is scanned for quoted texts (``quotes``), and the message names the
place the mistake was made: "the quote (") opened on line 42 is never closed".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_BLOCK_HEADER = re.compile(r"[|>][-+0-9]{0,2}\s*(?:#.*)?$")
_BARE_KEY = re.compile(r"[A-Za-z_][\w-]*")


@dataclass
class Quote:
    """A quoted text found in the file: where it opens, and where it closes (0-based)."""

    line: int
    column: int
    char: str
    closed_line: int | None = None
    closed_column: int | None = None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def quotes(text: str, last_line: int | None = None) -> list[Quote]:
    """Every quoted text that opens on or before ``last_line`` (0-based), with where it closes.

    A light scan, not a parser: a quote opens a quoted text only where a value or key may
    start (a line's start, after ': ', '- ', '[', '{' or ','); comments and block
    scalars (``|``, ``>``) are skipped."""
    found: list[Quote] = []
    open_quote: Quote | None = None
    block_indent: int | None = None
    for number, line in enumerate(text.split("\n")):
        if last_line is not None and number > last_line and open_quote is None:
            break
        if open_quote is None and block_indent is not None:
            if not line.strip() or _indent(line) > block_indent:
                continue
            block_indent = None
        index = 0 if open_quote is not None else _indent(line)
        value_may_start = True
        while index < len(line):
            char = line[index]
            if open_quote is not None:
                if open_quote.char == '"' and char == "\\":
                    index += 2
                    continue
                if char == open_quote.char:
                    if char == "'" and line[index + 1 : index + 2] == "'":
                        index += 2
                        continue
                    open_quote.closed_line, open_quote.closed_column = number, index
                    open_quote, value_may_start = None, False
                index += 1
                continue
            after = line[index + 1 : index + 2]
            if char == "#" and (index == 0 or line[index - 1] in " \t"):
                break
            if char in "\"'" and value_may_start:
                open_quote = Quote(number, index, char)
                found.append(open_quote)
            elif char in "[{,":
                value_may_start = True
            elif char in "-:" and after in ("", " "):
                value_may_start = char == ":" or value_may_start
            elif char in "|>" and value_may_start and _BLOCK_HEADER.match(line, index):
                block_indent = _indent(line)
                break
            elif char != " ":
                value_may_start = False
            index += 1
    return found


def _quote_hint(quote: Quote) -> str:
    if quote.char == '"':
        return (
            f'end the text with " on line {quote.line + 1}; to put " inside a text, put the whole text in single quotes'
        )
    return f"end the text with ' on line {quote.line + 1}; inside single quotes an apostrophe is written twice ('')"


def _open_quote(error: yaml.MarkedYAMLError, text: str, line: int) -> tuple[str, str, int, int] | None:
    """The quote that really caused ``error``: one never closed, or one whose closing quote
    is only found on the line where parsing failed (so it ran on over other lines)."""
    context = error.context_mark
    if context is not None and "quoted scalar" in (error.context or ""):
        char = text.split("\n")[context.line][context.column : context.column + 1] or '"'
        quote = Quote(context.line, context.column, char)
        return (
            f"the quote ({char}) opened on line {context.line + 1} is never closed",
            _quote_hint(quote),
            context.line,
            context.column,
        )
    for quote in quotes(text, line):
        if quote.line < line and (quote.closed_line is None or quote.closed_line == line):
            closed = (
                "never closed"
                if quote.closed_line is None
                else f"never closed on its line (the next {quote.char} is on line {quote.closed_line + 1})"
            )
            return (
                f"the quote ({quote.char}) opened on line {quote.line + 1} is {closed}",
                _quote_hint(quote),
                quote.line,
                quote.column,
            )
    return None


def _text_after_quote(text: str, line: int, column: int) -> tuple[str, str, int, int] | None:
    """A quoted text followed by more words on its line: `text: "a "b" c"`."""
    for quote in quotes(text, line):
        if quote.closed_line == line and quote.closed_column is not None and quote.closed_column < column:
            between = text.split("\n")[line][quote.closed_column + 1 : column]
            if not between.strip():
                hint = (
                    "a quoted text ends at its closing quote: to put \" inside it, put the whole text in single quotes ('...')"
                    if quote.char == '"'
                    else "inside single quotes an apostrophe is written twice (''), or put the text in double quotes"
                )
                return (
                    f"the text goes on after its closing quote ({quote.char})",
                    hint,
                    line,
                    quote.closed_column,
                )
    return None


def _previous_line(lines: list[str], line: int) -> tuple[int, str] | None:
    for number in range(line - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number, lines[number]
    return None


def _colon(lines: list[str], line: int, column: int) -> tuple[str, str | None]:
    """ "mapping values are not allowed here": a field indented under the one above, or a
    ': ' inside a text."""
    here = lines[line] if line < len(lines) else ""
    key = here[:column].strip()
    above = _previous_line(lines, line)
    if _BARE_KEY.fullmatch(key) and above is not None:
        number, previous = above
        field_column = _indent(previous) + (2 if previous.lstrip().startswith("- ") else 0)
        if _indent(here) > field_column:
            return (
                f"'{key}:' is indented more than the field on line {number + 1}, so it is read as part of that field's text",
                f"line it up with the field above (column {field_column + 1})",
            )
    return "unexpected ':' in a value", "if the text itself contains ': ', put the whole text in quotes"


def _structure(
    error: yaml.MarkedYAMLError, lines: list[str], line: int, column: int
) -> tuple[str, str | None] | tuple[str, str | None, int, int]:
    """Messages for a line that does not fit the structure around it (and, when the
    trouble starts elsewhere, that place)."""
    problem, context = error.problem or "", error.context or ""
    start = error.context_mark
    here = lines[line] if line < len(lines) else ""
    where = f"line {start.line + 1}, column {start.column + 1}" if start is not None else "above"
    if "expected '-' indicator" in problem:
        return (
            "this line is not lined up with the list it is in",
            f"the list's items start with '- ' at {where}; the fields of an item line up with its first field",
        )
    if "expected key" in problem and here.strip().startswith("- "):
        return (
            "a list item ('- ') where a field was expected",
            "check its indentation: a list goes under a field whose line ends with ':'",
        )
    if "expected key" in problem or "expected <block end>" in problem:
        return (
            "this line is not lined up with the fields above it",
            f"the fields around it start at {where}; fields of one item start in the same column",
        )
    if "flow sequence" in context or "flow mapping" in context:
        opener, closer = ("[", "]") if "sequence" in context else ("{", "}")
        kind = "list" if opener == "[" else "mapping"
        if start is not None:
            rest = lines[start.line][start.column :] if start.line < len(lines) else ""
            if closer not in rest:
                example = (
                    "[Headteachers, Governors]" if opener == "[" else "{text: Head of Service, ref: head-of-service}"
                )
                return (
                    f"the {kind} opened with '{opener}' on line {start.line + 1} is never closed",
                    f"close it with '{closer}' on the same line, e.g. {example}",
                    start.line,
                    start.column,
                )
        return (
            f"the {kind} in '{opener}...{closer}' cannot be read here",
            "put an item in quotes if it contains ',', ':', '[', ']', '{' or '}'",
        )
    if "block sequence entries are not allowed" in problem:
        return (
            "a list item ('- ') cannot start on the same line as its field name",
            "put the text in quotes if it starts with '- ', or start the list on the next line",
        )
    if "cannot start any token" in problem:
        char = here[column : column + 1]
        return f"a value cannot start with '{char}'", "put the whole text in quotes"
    if "could not find expected ':'" in problem:
        return "a line is missing its ':' (field: value)", "write the field name, a colon and a space, then the value"
    return f"YAML cannot read this line ({problem})", (f"while {context.removeprefix('while ')}" if context else None)


_FIXED = [
    (
        "expected a single document in the stream",
        "a plan file holds one document, but a second one starts here",
        "remove the '---' line, or move the second plan to its own file",
    ),
    (
        "found undefined alias",
        "anchors and aliases (&name, *name) are not allowed in plan files",
        "write the repeated value out in full",
    ),
    (
        "found unknown escape character",
        "unknown escape sequence in a double-quoted text",
        "use single quotes, or write a backslash as \\\\",
    ),
]

TAB = (
    "a tab character is used for indentation",
    "YAML indents with spaces only; replace the tab with spaces",
)


def explain(error: yaml.YAMLError, text: str) -> tuple[str, str | None, int, int]:
    """(message, hint, 1-based line, 1-based column) for a YAML syntax error in ``text``."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    if mark is None or not isinstance(error, yaml.MarkedYAMLError):
        return f"YAML cannot read this file ({problem})", None, 1, 1
    lines = text.split("\n")
    line, column = mark.line, mark.column
    here = lines[line] if line < len(lines) else ""
    if "\t" in here[: _indent(here) + 1] or here[column : column + 1] == "\t":
        return *TAB, line + 1, column + 1
    both = f"{problem} {error.context or ''}"
    for needle, message, hint in _FIXED:
        if needle in both:
            return message, hint, line + 1, column + 1
    found = _open_quote(error, text, line) or _text_after_quote(text, line, column)
    if found is not None:
        message, hint, line, column = found
        return message, hint, line + 1, column + 1
    if "mapping values are not allowed" in problem:
        return *_colon(lines, line, column), line + 1, column + 1
    if "could not find expected ':'" in problem and error.context_mark is not None:
        line, column = error.context_mark.line, error.context_mark.column
    message, explained, *place = _structure(error, lines, line, column)
    if place:
        line, column = place
    return message, explained, line + 1, column + 1
