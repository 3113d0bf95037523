"""ASCII punctuation in Chinese prose: where it is, and the full-width mark that belongs there. Pure.

Chinese text takes full-width punctuation (，：；？！（）“”). A zh text that mixes in ASCII marks reads
unevenly, and the marks do not match the rest of the sentence. A mark is reported only where it is
unambiguously Chinese punctuation, never where ASCII is right:

- ``, : ; ? !`` when the character before it is a Han character (or a closing full-width bracket or quote)
  and after it comes a Han character (or an opening full-width bracket or quote), directly or after one
  space: ``显存,梯度``, ``注意: 这里``, ``他说:“好”``. ``1,000``, ``a: b``, ``GPT-4o``, ``2020) 的``
  and ``中文, English`` have a Latin letter, a digit or other punctuation on one side: left alone.
- ``( )`` as a pair on one line, when ``(`` follows a Han character (directly or after one space) and
  the text inside contains a Han character: ``重计算(激活检查点)``. ``f(x)``, ``ln(词表大小)`` and
  ``P(标签 | 输入)`` follow a Latin letter (function notation): left alone.
- ``"…"``, a pair of ASCII double quotes on one line whose inside contains a Han character: ``"门"``.
  Quoted English and literal strings (``"the"``, ``" low"``) are left alone.

Never looked at: fenced code blocks, code spans, ``$…$`` math, URLs, link targets ``](…)``, and
autolinks and HTML tags ``<…>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from kb.render.markdown import fences

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

# On one line, what is not prose: code spans, math, URLs, link targets, autolinks and HTML tags. No alternative
# scans past the character that starts another of its kind (a "`", "$", "(" or "<"), so an unclosed one costs a
# step, not a scan to the end of the text (a DOTALL pattern took minutes on 500 KB of "[a](": benchmark --budget).
_INLINE_SKIPPED = re.compile(
    r"``(?:[^`\n]|`(?!`))+``|`[^`\n]+`"  # code spans (double and single backticks)
    r"|\$\$[^$]*\$\$|(?<![\\$\w])\$[^$\n]+\$"  # math
    r"|https?://[^\s<>（）]+|\]\([^()\n]*\)"  # URLs and link targets
    r"|<[A-Za-z/!][^<>\n]*>"  # autolinks and HTML tags
)
OPENING, CLOSING = "“‘（《「『【", "”’）》」』】"  # full-width brackets and quotes count as Chinese text
_BETWEEN = re.compile(rf"(?<=[{HAN}{CLOSING}])([,:;?!]) ?(?=[{HAN}{OPENING}])")
_PARENS = re.compile(rf"(?<=[{HAN}]) ?(\()([^()\n]*[{HAN}][^()\n]*)(\))")
_HAN = re.compile(f"[{HAN}]")


@dataclass(frozen=True)
class Mark:
    """One ASCII mark (or a pair) in a text: where it is, what it is, and what to write instead."""

    start: int  # offset of the (first) mark in the text
    end: int  # offset just past the (last) mark
    kind: str  # "mark", "parentheses" or "quotes"
    ascii: str  # the mark or the pair, e.g. "," or "()" or '""'
    edits: tuple[tuple[int, int, str], ...]  # (start, end, full-width text): the space beside a mark goes too

    def snippet(self, text: str, context: int = 4, longest: int = 24) -> str:
        """The mark with a few characters around it, on its line, shortened in the middle when long."""
        lo = max(text.rfind("\n", 0, self.start) + 1, self.start - context)
        hi = text.find("\n", self.end)
        hi = min(len(text) if hi < 0 else hi, self.end + context)
        shown = text[lo:hi]
        if len(shown) > longest:
            shown = shown[:longest // 2] + "…" + shown[-(longest // 2):]
        return shown

    def message(self, text: str) -> str:
        if self.kind == "quotes":
            return (f"ASCII quotes around Chinese text in {self.snippet(text)!r}; "
                    "use full-width quotes “…” (or a code span for a literal string)")
        if self.kind == "parentheses":
            return f"ASCII parentheses around Chinese text in {self.snippet(text)!r}; use full-width '（…）'"
        return (f"ASCII {self.ascii!r} between Chinese characters in {self.snippet(text)!r}; "
                f"use full-width {self.edits[0][2]!r}")


def _visible(text: str) -> str:
    """``text`` with code, math, URLs, link targets and HTML blanked out (same length, same lines). Linear."""
    if not any(c in text for c in ',:;?!()"'):
        return text
    spans: list[tuple[int, int]] = []
    pos = 0
    for start, end in [*fences(text, indented=True), (len(text), len(text))]:
        spans += [m.span() for m in _INLINE_SKIPPED.finditer(text, pos, start)]
        spans.append((start, end))
        pos = end
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", "\0", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def ascii_marks(text: str) -> Iterator[Mark]:
    """Every ASCII mark of ``text`` that stands in Chinese prose (see the module's rules), in text order."""
    visible = _visible(text)
    found: list[Mark] = []
    for open_, close in _quote_pairs(visible):
        if _HAN.search(visible, open_ + 1, close):
            found.append(Mark(open_, close + 1, "quotes", '""', ((open_, open_ + 1, "“"), (close, close + 1, "”"))))
    for m in _PARENS.finditer(visible):
        found.append(Mark(m.start(1), m.end(3), "parentheses", "()",
                          ((m.start(), m.end(1), "（"), (m.start(3), m.end(3), "）"))))
    # the marks found so far are full-width for the next rule: `他说:"好"` has a colon to report too
    chars = list(visible)
    for mark in found:
        for start, end, new in mark.edits:
            chars[end - 1] = new
    for m in _BETWEEN.finditer("".join(chars)):
        mark = m.group(1)
        found.append(Mark(m.start(), m.end(), "mark", mark, ((m.start(), m.end(), FULL_WIDTH[mark]),)))
    yield from sorted(found, key=lambda mark: mark.start)


def _quote_pairs(visible: str) -> Iterator[tuple[int, int]]:
    """ASCII double quotes paired in order on each line (the first with the second, ...); an odd one is left."""
    offset = 0
    for line in visible.split("\n"):
        quotes = [offset + i for i, c in enumerate(line) if c == '"']
        yield from zip(quotes[::2], quotes[1::2])
        offset += len(line) + 1
