"""The fenced code blocks of an answer: which are Python, and what output each one claims to print.

Pure: Markdown text in, blocks out. A ``text`` block right after a ``python`` block (only blank lines
between) is that block's output; the tests run every Python block and compare what it prints.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A fence (``` or ~~~) at any indentation (inside a list item too), its info string, its body, and
# the closing fence at the same indentation.
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n`]*)\n"
                    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
_OPENING = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*[^\n`]*\n", re.M)
_CLOSING = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*$", re.M)


def _fences(text: str) -> list[re.Match]:
    """What ``_FENCE.finditer`` finds, in linear time: the closing lines of each (indentation, fence) are
    listed once and an opening line looks its closer up by bisection. ``_FENCE`` alone scanned to the end
    of the text for every opening line that is never closed (quadratic)."""
    closers: dict[tuple[str, str], list[int]] = {}
    for m in _CLOSING.finditer(text):
        closers.setdefault((m.group(1), m.group(2)), []).append(m.start())
    found: list[re.Match] = []
    end = 0
    for m in _OPENING.finditer(text):
        if m.start() < end:
            continue
        ends = closers.get((m.group(1), m.group(2)), [])
        i = bisect.bisect_left(ends, m.end())
        if i < len(ends):
            block = _FENCE.match(text, m.start())  # bounded: its closing line is known to be ends[i]
            if block is not None:
                found.append(block)
                end = block.end()
    return found


@dataclass(frozen=True)
class Block:
    line: int  # 1-based line of the opening fence within the text
    lang: str  # the first word of the info string, lower case
    code: str
    output: str | None = None  # for a python block: the text block right after it, if any


def fenced(text: str) -> list[Block]:
    """Every fenced block of ``text`` in order; a ``python`` block carries the ``text`` block after it."""
    found = [(m, _lang(m)) for m in _fences(text)]
    blocks = []
    for i, (m, lang) in enumerate(found):
        output = None
        if lang == "python" and i + 1 < len(found) and _adjacent(text, m, found[i + 1]):
            output = _body(found[i + 1][0])
        blocks.append(Block(text.count("\n", 0, m.start()) + 1, lang, _body(m), output))
    return blocks


def python_blocks(text: str) -> list[Block]:
    return [b for b in fenced(text) if b.lang == "python"]


def orphan_outputs(text: str) -> list[int]:
    """Lines of ``text`` blocks that do not directly follow a Python block: an output of nothing."""
    found = [(m, _lang(m)) for m in _fences(text)]
    return [text.count("\n", 0, m.start()) + 1 for i, (m, lang) in enumerate(found)
            if lang == "text"
            and not (i and found[i - 1][1] == "python" and _adjacent(text, found[i - 1][0], found[i]))]


def _lang(m: re.Match) -> str:
    return (m.group("info").split() or [""])[0].lower()


def _adjacent(text: str, m: re.Match, nxt: tuple[re.Match, str]) -> bool:
    return nxt[1] == "text" and not text[m.end():nxt[0].start()].strip()


def _body(m: re.Match) -> str:
    """The block's lines without the fence's indentation (the list item's, in a list)."""
    indent = m.group("indent")
    return "".join(line[len(indent):] if line.startswith(indent) else line.lstrip()
                   for line in m.group("body").splitlines(keepends=True))
