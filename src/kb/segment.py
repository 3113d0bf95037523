"""Chinese word segmentation with rjieba, cut for cut the same as jieba. Pure.

Material's search plugin cuts every run of Han characters of every page with jieba and joins the
words with U+200B (STACK.md); at 1,000 questions that was 3.6 ms of a Chinese page's build, the
largest cost left (scripts/benchmark.py). rjieba binds jieba-rs, a Rust port of jieba with the same
dictionary and the same HMM for unknown words: on every run of Han characters in today's content
(14,672 runs) it gives exactly jieba 0.42.1's words, about 12 times faster (tests/test_segment.py
compares the two on the real content). On mixed text the two differ (jieba-rs keeps ``Pre-LN``
whole), so only pure Han runs are cut here.
"""

from __future__ import annotations

import re

from backrefs import bre
from rjieba import cut as _cut

_HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)  # what Material's _segment_chinese matches


def words(run: str) -> list[str]:
    """The words of a run of Han characters."""
    return _cut(run)


def search_text(data: str, separator: re.Pattern | None = None) -> str:
    """Material's ``SearchIndex._segment_chinese(data)`` (9.8.1): every Han run cut, words joined by U+200B.

    Material also puts a U+200B before and after every run. With ``separator`` (the search plugin's
    ``separator``, compiled), it is left out where the text already has a separator there (``：``, a
    space, the start or end of the text): the index splits into the same words, and is smaller (a
    U+200B is 3 bytes, and a third of the Chinese index was U+200B).
    """
    if separator is None:
        return _HAN.sub(lambda m: "\u200b" + "\u200b".join(_cut(m.group(0))) + "\u200b", data).strip("\u200b")

    def cut(m: re.Match) -> str:
        start, end = m.span()
        before = start > 0 and not _separates(separator, data, start - 1)
        after = end < len(data) and not _separates(separator, data, end)
        return ("\u200b" if before else "") + "\u200b".join(_cut(m.group(0))) + ("\u200b" if after else "")

    return _HAN.sub(cut, data)


def _separates(separator: re.Pattern, data: str, at: int) -> bool:
    """True if the separator matches at least the character at ``at``."""
    m = separator.match(data, at)
    return m is not None and m.end() > at
