"""Indentation out of built pages. Pure.

Material's templates indent their markup; at 3,000 questions the blank space between tags was 13 %
of every page and of the site (scripts/benchmark.py). Every run of white space that contains a
line break becomes one line break, which the browser renders exactly as before (HTML collapses
white space), except inside elements where white space is kept or is code: ``pre``, ``textarea``,
``code``, ``script`` and ``style`` are left as they are.
"""

from __future__ import annotations

import re

_KEPT = re.compile(r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)", re.S | re.I)
_BREAK = re.compile(r"\n\s+")


def collapse_indentation(html: str) -> str:
    parts = _KEPT.split(html)  # text, kept element, its tag name, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_BREAK.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
