"""The field reference for editors, made from the schema so it never drifts from the code.

Render-stage helper: walks the JSON Schema of ``Plan`` and ``Registry`` and
describes every field in words (type, required or not, what it is for).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model.plan import Plan
from generator.model.registry import Registry


@dataclass(frozen=True)
class FieldDoc:
    name: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    description: str
    fields: tuple[FieldDoc, ...]


def _kind(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    """A field's type in words: "text", "list of Action", "one of: draft, adopted"..."""
    if "$ref" in schema:
        target = schema["$ref"].rsplit("/", 1)[-1]
        enum = defs.get(target, {}).get("enum")
        return "one of: " + ", ".join(enum) if enum else target
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        words = [_kind(option, defs) for option in options]
        return " or ".join(dict.fromkeys(words))
    if "enum" in schema:
        return "one of: " + ", ".join(schema["enum"])
    kind = schema.get("type")
    if kind == "array":
        return "list of " + _kind(schema.get("items", {}), defs)
    if kind == "string":
        if schema.get("format") == "date":
            return "date (YYYY-MM-DD)"
        if schema.get("format") == "markdown":
            return "Markdown text"
        if schema.get("format") == "day-or-month":
            return "date (YYYY-MM-DD) or month (YYYY-MM)"
        if "pattern" in schema:
            return "id (lower-case letters, digits, hyphens)" if "a-z0-9" in schema["pattern"] else "text (MM-DD)"
        return "text"
    if kind in ("number", "integer"):
        return "number"
    if kind == "boolean":
        return "true or false"
    return "text"


def field_reference() -> list[ModelDoc]:
    """Every model a plan or registry file can contain, Plan and Registry first."""
    docs: dict[str, ModelDoc] = {}
    for model in (Plan, Registry):
        schema = model.model_json_schema(mode="validation")
        defs = schema.get("$defs", {})
        for name, definition in [(model.__name__, schema), *sorted(defs.items())]:
            if name in docs or "properties" not in definition:
                continue
            required = set(definition.get("required", []))
            fields = tuple(
                FieldDoc(field, _kind(spec, defs), field in required, " ".join(spec.get("description", "").split()))
                for field, spec in definition["properties"].items()
            )
            docs[name] = ModelDoc(name, " ".join(definition.get("description", "").split()), fields)
    first = [docs.pop("Plan"), docs.pop("Registry")]
    return first + list(docs.values())
