"""Problems are values: every stage of the pipeline collects these records
instead of raising, and the CLI and the MkDocs plugin print them the same way."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a 1-based line and column."""

    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    severity: Severity = Severity.error

    def format(self) -> str:
        """Compiler format: ``plans/x.yml:12:5: error: message (hint)``."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown as an annotation on the pull request."""
        message = self.message + (f" ({self.hint})" if self.hint else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity.value} file={self.file},line={self.line},col={self.column}::{message}"

    def as_json(self) -> str:
        return json.dumps(
            {
                "file": self.file,
                "line": self.line,
                "column": self.column,
                "severity": self.severity.value,
                "message": self.message,
                "hint": self.hint,
            },
            ensure_ascii=False,
        )


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.error]


class PlanErrors(Exception):
    """Raised at the edge (plugin, CLI) when the pipeline found errors."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))
