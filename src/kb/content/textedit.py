"""Edit a content file's text by inserting only: every byte a maintainer wrote stays, in order.

A file is kept as its lines, each with its own line ending (``\\n``, ``\\r\\n`` or ``\\r``), plus whether it
began with a UTF-8 byte-order mark. ``normalized`` is the text as the loader parses it (no BOM, ``\\n``
endings), so the line and column of a YAML node's mark point into ``lines``. New lines take the file's
most common line ending.
"""

from __future__ import annotations

import re
from collections import Counter

_EOL = re.compile(r"\r\n|\r|\n")
BOM = "\ufeff"


class LineText:
    def __init__(self, raw: bytes) -> None:
        text = raw.decode("utf-8")
        self.bom = text.startswith(BOM)
        if self.bom:
            text = text[1:]
        self.lines: list[list[str]] = []  # [content, ending]; the last line has no ending (it may be empty)
        pos = 0
        for m in _EOL.finditer(text):
            self.lines.append([text[pos:m.start()], m.group()])
            pos = m.end()
        self.lines.append([text[pos:], ""])
        endings = Counter(e for _, e in self.lines if e)
        self.eol = endings.most_common(1)[0][0] if endings else "\n"

    def normalized(self) -> str:
        return "\n".join(content for content, _ in self.lines)

    def content(self, i: int) -> str:
        return self.lines[i][0]

    def insert_lines(self, at: int, new: list[str]) -> None:
        """Insert whole lines before line ``at`` (``len(lines)`` or the last, empty line: at the end)."""
        if not new:
            return
        if at > 0 and not self.lines[at - 1][1]:  # after a last line without a line ending
            self.lines[at - 1][1] = self.eol
            rows = [[text, self.eol] for text in new]
            rows[-1][1] = ""
        else:
            rows = [[text, self.eol] for text in new]
        self.lines[at:at] = rows

    def insert_in_line(self, i: int, column: int, text: str) -> None:
        content = self.lines[i][0]
        self.lines[i][0] = content[:column] + text + content[column:]

    def encode(self) -> bytes:
        return ((BOM if self.bom else "") + "".join(c + e for c, e in self.lines)).encode("utf-8")
