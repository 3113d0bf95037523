"""The order readers expect in an index: Chinese by pinyin, English alphabetically, case-insensitive. Pure.

Sorting by code point puts 对齐 (U+5BF9) after 分词 (U+5206) and Transformer before attention. Here
every name becomes a sequence of words: each Han character its pinyin syllable (pypinyin, with its phrase
dictionary for the common readings of polyphonic characters), each run of Latin letters or digits a
lower-case word. Names then sort word by word, so a Chinese and an English list follow the same rule and
a mixed name such as ``GPU 与硬件`` files under G, just before 过拟合 (guo ni he), as in the index of a
Chinese dictionary.
"""

from __future__ import annotations

import functools
import re

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+")
# Readings of this field's words that pypinyin's phrase dictionary lacks: 重 chóng "again" (重排序, 重计算,
# 重参数化, 重采样) and 长 cháng "long" (长上下文, 长序列, 长文本); it reads them zhòng and zhǎng.
_READINGS = ((re.compile("重(?=[排计参采写训放试启构加建算跑])"), "chong"),
             (re.compile("长(?=[上下序文尾距期程链])"), "chang"))


@functools.lru_cache(maxsize=4096)
def words(name: str) -> tuple[str, ...]:
    """The words ``name`` sorts by: pinyin syllables for Han characters, lower-case Latin words and numbers."""
    if not _HAN.search(name):
        return tuple(_WORD.findall(name.casefold()))
    # imported here: its dictionaries take about 0.3 CPU s to load, and only the tags and glossary pages sort
    # Chinese (`kb check` never does)
    from pypinyin import Style, lazy_pinyin

    fixed = sorted((m.start(), reading) for pattern, reading in _READINGS for m in pattern.finditer(name))
    parts, at = [], 0
    for start, reading in fixed:
        parts += [*lazy_pinyin(name[at:start], style=Style.NORMAL), reading]
        at = start + 1
    parts += lazy_pinyin(name[at:], style=Style.NORMAL)
    return tuple(_WORD.findall(" ".join(parts).casefold()))


def sort_key(name: str) -> tuple[tuple[str, ...], str, str]:
    """Pinyin or alphabetical order; names that read the same are ordered case-insensitively, then exactly."""
    return words(name), name.casefold(), name


def initial(name: str) -> str:
    """The index letter of ``name``: A-Z from its first word, ``#`` for a name that starts with a digit."""
    first = words(name)[:1]
    letter = first[0][0].upper() if first else "#"
    return letter if "A" <= letter <= "Z" else "#"
