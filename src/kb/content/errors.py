"""Content errors: where (file, line, field), then what was expected.

Every check appends to a list; nothing stops at the first error. Only the MkDocs hook turns the
collected errors into a ``PluginError``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Iterable

DRAFT = "draft"  # ContentError.kind of a part not written yet (a TODO line left by `kb new`)
SHOWN_MAX = 80  # characters of a value (or a key, a tag) echoed in a message
MESSAGE_MAX = 1000  # characters of a printed message: the last guard if a check echoes a whole value


def shorten(text: str, limit: int = SHOWN_MAX) -> str:
    """``text``, or its first ``limit`` characters and how long it is: a message echoes what it is about, not
    a whole 300 kB value."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def quoted(text: str) -> str:
    """A text value echoed in a message: ``'text'``, shortened (``shorten``)."""
    return repr(text) if len(text) <= SHOWN_MAX else f"{text[:SHOWN_MAX]!r}… ({len(text)} characters)"


def field_path(loc: Iterable[str | int]) -> str:
    """How an error names a field: ``zh.answer``, ``related[1]``, ``references[0].title``."""
    out = ""
    for part in loc:
        part = part if isinstance(part, int) else shorten(str(part))
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# Characters that do not print as themselves: controls (an escape sequence, a carriage return can redraw a
# terminal line), format characters (bidi overrides reorder what follows), line and paragraph separators,
# private use, surrogates, unassigned. Printed parts of a problem show them as escapes.
_NON_PRINTING = frozenset(("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"))
_SUSPECT = re.compile(r"[^\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")


def printable(text: str, keep: str = "") -> str:
    """``text`` with every non-printing character but those in ``keep`` written as an escape (``\\x1b``,
    ``\\r``, ``\\u202e``)."""
    def escape(m: re.Match) -> str:
        ch = m.group()
        return ch if ch in keep or unicodedata.category(ch) not in _NON_PRINTING else repr(ch)[1:-1]

    return _SUSPECT.sub(escape, text)


@dataclass(frozen=True)
class ContentError:
    path: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # "error" fails check and build; "warning" is reported only
    kind: str = ""  # what sort of problem, for code that treats one sort differently (DRAFT); not printed

    def format(self) -> str:
        """``path:line: field: message``, each part with its non-printing characters escaped (``printable``):
        a file name, a key or a value can hold a terminal's escape sequences."""
        where = f"{printable(self.path)}:{self.line}" if self.line else printable(self.path)
        field = f" {printable(self.field)}:" if self.field else ""
        return f"{where}:{field} {self.printed_message()}"

    def as_warning(self) -> ContentError:
        """The same problem, reported only."""
        return replace(self, severity="warning")

    def printed_message(self) -> str:
        """The message as printed: at most ``MESSAGE_MAX`` characters, non-printing characters escaped."""
        return printable(shorten(self.message, MESSAGE_MAX))


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
