"""Near-duplicate questions: title similarity over both languages' titles and aliases. Pure.

A title is reduced to its *key*: the words that say which question it is, without the phrasing every
interview question shares ("什么是", "如何处理", "how do you", "large model"). Chinese is cut into words
with jieba's dictionary (``kb.checks.segment``, as the search index does), English into lower-case word stems.
Two questions are near-duplicates when the keys of their titles in the same language overlap by at
least ``THRESHOLD`` (weighted Jaccard: rare words weigh more than common ones), or when the key of
one title equals the key of one of the other's aliases ("什么是 LoRA？" is the alias "LoRA" of an
existing question).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from kb.checks import segment

THRESHOLD = 0.6

# Question phrasing and words that every title in this knowledge base shares: they do not tell
# questions apart. Chinese phrases are cut out before segmentation (so "优化器有哪些" keeps 优化器);
# verbs such as 优化/评估/提高 go too, since "如何评估稳定性" and "如何保证稳定性" ask the same thing.
_ZH_PHRASES = sorted(
    "什么是 是什么 有哪些 哪些 有什么 什么样 什么 如何 怎么样 怎么办 怎么 怎样 为什么 为何 请解释 请简述 简述 解释 "
    "说明 描述 列举 分别 各自 区别 有何 不同 起什么作用 作用 方法 方式 手段 策略 技术 问题 常见 常用 主要 "
    "一些 一个 进行 实现 处理 解决 应对 大语言模型 语言模型 大模型 大型 模型 人工智能 过程中 过程 训练中 "
    "中的 时候 优化 提高 提升 改进 保证 确保 评估 设计 选择 利用 构建 防止 避免 减少 降低 加速 发现 缓解 "
    "检测 预防 训练 大规模 影响 重要性 关键 应用 挑战 原理 理解 技巧 风险 使用 合理 高效 更好 特定 场景 "
    "相关 需要 所需 出现 通过 对于 能力 性能 效果 有效 从零".split(),
    key=len,
    reverse=True,
)
_ZH_CUT = re.compile("|".join(re.escape(p) + ("(?!器)" if p == "优化" else "") for p in _ZH_PHRASES))
_EN_FILLER = frozenset(
    "a an the of and or in on for to with by from as at is are be it its their them they this that these "
    "what which why how when where who whose do does did you your we can should would could each both "
    "vs versus between differ difference different there main common commonly used use using work works "
    "large language model models llm llms ai during get make evaluate improve ensure design choose select "
    "build prevent avoid reduce speed fix handle find detect raise keep train training trained effect impact "
    "role right key".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:[-.+][a-z0-9]+)*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def key(text: str) -> frozenset[str]:
    """The identifying words of a title or alias, in either language."""
    text = unicodedata.normalize("NFKC", text).lower()
    words: set[str] = set()
    for run in _HAN.findall(text):
        for part in _ZH_CUT.split(run):
            words.update(w for w in segment.words(part) if len(w) > 1)
    for w in _WORD.findall(_HAN.sub(" ", text)):
        w = w.replace("-", "")  # warm-up = warmup, pre-training = pretraining
        stem = _stem(w)
        if w not in _EN_FILLER and stem not in _EN_FILLER and not w.isdigit():
            words.add(stem)
    return frozenset(words)


_ZH_FUNCTION = re.compile("[的了吗呢和与及或是在中时对把被让有等之其]")


def core(text: str) -> str:
    """A title or alias without question phrasing: "什么是 LoRA？" and "What is LoRA?" give "lora"."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _ZH_FUNCTION.sub("", _ZH_CUT.sub("", text))
    text = " ".join(w for w in re.split(r"[^\w]+", text) if w and w not in _EN_FILLER)
    return normalized(text)


def normalized(text: str) -> str:
    """The text without case, width, spacing or punctuation differences."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class Names:
    """What one question is called in one language."""

    qid: str
    lang: str
    title: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """``qid`` repeats ``other``: ``text`` (a title of qid) says what ``other_text`` (of other) says."""

    qid: str
    other: str
    lang: str
    text: str
    other_text: str
    kind: str  # "same-title", "similar-title", "title-is-alias" or "alias-is-title"
    score: float


def _weights(keys: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency: a word most titles share counts for little."""
    docs = list(keys)
    df: dict[str, int] = {}
    for k in docs:
        for w in k:
            df[w] = df.get(w, 0) + 1
    n = len(docs)
    return {w: math.log((n + 1) / (c + 1)) + 1 for w, c in df.items()}


def similarity(a: frozenset[str], b: frozenset[str], weight: dict[str, float] | None = None) -> float:
    """Weighted Jaccard overlap of two keys, 0..1."""
    if not a or not b:
        return 0.0
    w = weight or {}
    # fsum: exact, so the same whatever order the sets iterate in (it changes with PYTHONHASHSEED, and a
    # float sum in another order can land on the other side of the threshold)
    inter = math.fsum(w.get(t, 1.0) for t in a & b)
    return inter / math.fsum(w.get(t, 1.0) for t in a | b)


def near_duplicates(names: Iterable[Names], threshold: float = THRESHOLD) -> list[Match]:
    """Every pair of questions whose titles (or a title and an alias) say the same thing, both ways."""
    found: dict[tuple[str, str], Match] = {}
    by_lang: dict[str, list[Names]] = {}
    for n in names:
        by_lang.setdefault(n.lang, []).append(n)
    for lang, group in sorted(by_lang.items()):
        _titles(group, lang, threshold, found)
        _aliases(group, lang, found)
    return sorted(found.values(), key=lambda m: (m.qid, m.other, m.lang))


def _titles(group: list[Names], lang: str, threshold: float, found: dict[tuple[str, str], Match]) -> None:
    keys = [key(n.title) for n in group]
    weight = _weights(keys)
    pairs: set[tuple[int, int]] = set()
    exact: dict[str, list[int]] = {}
    for i, n in enumerate(group):
        exact.setdefault(normalized(n.title), []).append(i)
    for ids in exact.values():
        pairs.update((i, j) for i in ids for j in ids if i < j)
    # Prefix filter: two keys can reach the threshold only if they share one of the rarest words
    # that make up more than (1 - threshold) of each key's weight. Common words never pair titles.
    index: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        for w in _prefix(k, weight, threshold):
            for j in index.get(w, ()):
                pairs.add((j, i))
            index.setdefault(w, []).append(i)
    for i, j in sorted(pairs):
        a, b = group[i], group[j]
        if a.qid == b.qid:
            continue
        if normalized(a.title) == normalized(b.title):
            kind, score = "same-title", 1.0
        else:
            kind, score = "similar-title", similarity(keys[i], keys[j], weight)
        if score >= threshold:
            _keep(found, Match(a.qid, b.qid, lang, a.title, b.title, kind, score))
            _keep(found, Match(b.qid, a.qid, lang, b.title, a.title, kind, score))


def _prefix(k: frozenset[str], weight: dict[str, float], threshold: float) -> list[str]:
    ordered = sorted(k, key=lambda w: (-weight[w], w))
    rest = sum(weight[w] for w in ordered)
    out: list[str] = []
    for w in ordered:
        if rest < threshold * math.fsum(weight[t] for t in k) - 1e-9:  # fsum: see similarity
            break
        out.append(w)
        rest -= weight[w]
    return out


def _aliases(group: list[Names], lang: str, found: dict[tuple[str, str], Match]) -> None:
    """A title that is, apart from question phrasing, another question's alias."""
    owners: dict[str, list[tuple[Names, str]]] = {}
    for n in group:
        for alias in n.aliases:
            c = core(alias)
            if c:
                owners.setdefault(c, []).append((n, alias))
    for n in group:
        c = core(n.title)
        for other, alias in owners.get(c, []) if c else []:
            if other.qid != n.qid:
                _keep(found, Match(n.qid, other.qid, lang, n.title, alias, "title-is-alias", 1.0))
                _keep(found, Match(other.qid, n.qid, lang, alias, n.title, "alias-is-title", 1.0))


def _keep(found: dict[tuple[str, str], Match], match: Match) -> None:
    """One match per ordered pair of questions: the strongest, then the first language."""
    old = found.get((match.qid, match.other))
    if old is None or match.score > old.score:
        found[(match.qid, match.other)] = match
