"""The published JSON Schema of plan and registry files, for editors' autocompletion."""

from __future__ import annotations

import json

from pydantic import (
    BaseModel,
)


def json_schema(model: type[BaseModel], schema_id: str) -> str:
    """The JSON Schema for ``model`` as stable, sorted text."""
    schema = model.model_json_schema(mode="validation")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **schema,
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
