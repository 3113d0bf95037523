"""Content errors: where (file, line, field), then what was expected.

Every check appends to a list; nothing stops at the first error. Only the MkDocs hook turns the
collected errors into a ``PluginError``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


def field_path(loc: Iterable[str | int]) -> str:
    """How an error names a field: ``zh.answer``, ``related[1]``, ``references[0].title``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # "error" fails check and build; "warning" is reported only

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class ContentErrors(Exception):
    """Raised with every error found in one run."""

    def __init__(self, errors: Iterable[ContentError]):
        self.errors = sort(errors)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [e.format() for e in self.errors]
        noun = "error" if len(lines) == 1 else "errors"
        return f"{len(lines)} content {noun}:\n" + "\n".join(lines)


def only_errors(items: Iterable[ContentError]) -> list[ContentError]:
    return [e for e in items if e.severity == "error"]


def sort(items: Iterable[ContentError]) -> list[ContentError]:
    return sorted(items, key=lambda e: (e.path, e.line or 0, e.field, e.message))
