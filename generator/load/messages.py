"""The schema's complaints in an editor's words: pydantic's validation errors turned into
problems at the line and column of the offending value.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load.reader import Document, kind_of
from generator.model.calendar import impossible_date
from generator.model.registry import MONTH_DAY_PATTERN
from generator.problems import Problem

# --- pydantic errors in plain English -----------------------------------------


def _strip(annotation: Any) -> Any:
    """Remove ``Annotated`` and ``Optional`` wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            structured = [m for m in members if _is_model(_strip(m)) or typing.get_origin(m) is list]
            annotation = structured[0] if structured else members[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class found by following ``loc`` from ``root``, if any."""
    annotation: Any = root
    for part in loc:
        annotation = _strip(annotation)
        if isinstance(part, int) and typing.get_origin(annotation) is list:
            annotation = typing.get_args(annotation)[0]
        elif isinstance(part, str) and _is_model(annotation) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return None
    annotation = _strip(annotation)
    return annotation if _is_model(annotation) else None


def dotted(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_DAY_FIRST = re.compile(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*")


def _date_error(where: str, value: Any) -> tuple[str, str | None, bool]:
    """A date field that is not a date: why, when it is written as a date ("31 February
    2027 does not exist"), else the form to write it in."""
    if isinstance(value, str) and (iso := _ISO_DATE.fullmatch(value)):
        why = impossible_date(*(int(part) for part in iso.groups()))
        if why is not None:
            return f"{where}: {why[0]}", why[1], False
    if isinstance(value, str) and (day_first := _DAY_FIRST.fullmatch(value)):
        day, month, year = (int(part) for part in day_first.groups())
        if impossible_date(year, month, day) is None:
            return (
                f"{where}: expected a date as YYYY-MM-DD, got {kind_of(value)}",
                f"write it as {year:04d}-{month:02d}-{day:02d}",
                False,
            )
    return f"{where}: expected a date as YYYY-MM-DD, got {kind_of(value)}", "for example 2004-03-01", False


def describe_error(error: dict[str, Any], root: type[BaseModel]) -> tuple[str, str | None, bool]:
    """(message, hint, points at key) for one pydantic error."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    where = dotted(loc)
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        name = str(loc[-1])
        parent = model_at(root, loc[:-1])
        allowed = _field_names(parent) if parent else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
        elif allowed:
            hint = "fields allowed here: " + ", ".join(allowed)
        else:
            hint = None
        container = dotted(loc[:-1]) or "the top level"
        return f"unknown field '{name}' in {container}", hint, True
    if kind == "missing":
        container = dotted(loc[:-1]) or "the top level"
        return f"missing required field '{loc[-1]}' in {container}", None, False
    if kind == "string_type":
        return f"{where}: expected text, got {kind_of(value)}", None, False
    if kind in ("int_parsing", "float_parsing", "decimal_parsing", "int_type", "float_type", "decimal_type"):
        return f"{where}: expected a number, got {kind_of(value)}", "write digits only, e.g. 84 or 72.5", False
    if kind in ("bool_parsing", "bool_type"):
        return f"{where}: expected true or false, got {kind_of(value)}", None, False
    if kind.startswith("date"):
        return _date_error(where, value)
    if kind == "list_type":
        return (
            f"{where}: expected a list, got {kind_of(value)}",
            "write each item on its own line starting with '- '",
            False,
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        expected = model_at(root, loc)
        if expected and "text" in expected.model_fields:
            return f"{where}: expected text, or a mapping with 'text', got {kind_of(value)}", None, False
        return f"{where}: expected a mapping of fields, got {kind_of(value)}", None, False
    if kind == "enum":
        return f"{where}: {kind_of(value)} is not allowed", f"use one of: {ctx.get('expected')}", False
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == MONTH_DAY_PATTERN:
            return f"{where}: expected a day of the year as MM-DD, got {kind_of(value)}", "for example 09-01", False
        return (
            f"{where}: '{value}' is not a valid id",
            "use lower-case letters, digits and hyphens, e.g. 'salford-post-ofsted-2004'",
            False,
        )
    if kind == "string_too_short":
        return f"{where}: must not be empty", None, False
    if kind == "string_too_long":
        return f"{where}: is longer than {ctx.get('max_length')} characters", None, False
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message, None, False


def validate(document: Document, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """Turn a document's data into ``model``, or problems with positions."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            message, hint, at_key = describe_error(dict(error), model)
            problems.append(document.problem(tuple(error["loc"]), message, hint, key=at_key))
        return None, sorted(set(problems))
