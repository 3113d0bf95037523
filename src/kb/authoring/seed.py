"""Seed import: parsed seed entries -> an import plan -> new or updated question files. Pure.

Text a maintainer wrote is never rewritten: a seed entry that matches an existing question only adds
its label to that question's ``sources`` list, by inserting text (``add_sources``): every byte of the
file stays where it was.

Which question a seed entry is: the one whose ``sources`` list its label ``<file>#<n>@<fingerprint>``
with the same file name and fingerprint (whatever the number: entries re-ordered or re-numbered are
still known); else, for labels written before fingerprints (``<file>#<n>``), the one that lists its file
and number, unless another entry of the same file has that number too (numbering restarted; the
entry whose title is closest to the question keeps the old label); else a question or a new draft
whose title is similar (``title_key``), else a new question.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import jieba

from kb.authoring.editor_schema import MODELINE
from kb.authoring.scaffold import TODO_ANSWER_ZH
from kb.content.schema import TITLE_MAX, Question
from kb.authoring.seedparse import SeedEntry
from kb.content.files import WriteError
from kb.content.textedit import LineText
from kb.content.yamlio import dump, parse

jieba.setLogLevel(60)

# Words that every seed title repeats; they say nothing about which question it is.
_FILLER = set(
    "如何 怎么 怎样 什么 是 的 了 和 与 及 在 中 中的 时 里 请 请简述 简述 解释 请解释 列举 描述 说明 分析 "
    "处理 解决 应对 问题 方法 哪些 有 有哪些 进行 实现 ai AI 大 模型 大模型 人工智能 训练 过程 过程中 "
    "出现 的话 一个 一下 主要 常见 几种 技术 策略 进行 通过 对 于 ？ ? 。 ， , ： : 、 （ ） ( )".split()
)
_CATEGORY_HINTS = (
    ("规模化", "scaling"), ("缩放定律", "scaling"), ("算力", "scaling"),
    ("隐私", "trust"), ("安全", "trust"), ("泄露", "trust"), ("可解释", "trust"),
    ("商业", "business"), ("创业", "business"), ("成本", "business"),
    ("推理", "inference"), ("部署", "inference"), ("压缩", "inference"), ("边缘", "inference"),
    ("过拟合", "generalization"), ("泛化", "generalization"), ("正则", "generalization"), ("增强", "generalization"),
    ("评估", "evaluation"), ("指标", "evaluation"),
    ("分布式", "systems"), ("并行", "systems"), ("内存", "systems"), ("显存", "systems"), ("资源", "systems"),
    ("通信", "systems"), ("调度", "systems"),
    ("数据", "data"),
    ("梯度", "training"), ("学习率", "training"), ("优化器", "training"), ("损失", "training"),
    ("归一化", "training"), ("稳定", "training"), ("调参", "training"), ("超参数", "training"),
)
SIMILAR = 0.75


def title_key(title: str) -> frozenset[str]:
    """The words that identify a question, without the seeds' filler."""
    words = {w.strip().lower() for w in jieba.lcut(title)}
    return frozenset(w for w in words if w and w not in _FILLER and not w.isdigit())


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= SIMILAR


def guess_category(title: str, known: frozenset[str] | None = None) -> str:
    """The category a title's words hint at; among ``known`` ones when given (kb check refuses others)."""
    hints = [slug for hint, slug in _CATEGORY_HINTS if hint in title] + ["foundations"]
    if known:
        hints = [s for s in hints if s in known] or sorted(known)
    return hints[0]


class _Matcher:
    """The first key added (in order) that is ``similar`` to a query, found without comparing every pair.

    Prefix filtering: two keys with Jaccard overlap >= t share a word among the first
    ``len(k) - ceil(t * len(k)) + 1`` words of each, in any one fixed order of words; the order used puts
    rare words first, so each word's list of keys stays short. Same answers as a scan of all keys.
    """

    def __init__(self, rank: dict[str, int]) -> None:
        self.rank = rank
        self.keys: list[tuple[frozenset[str], str]] = []
        self.index: dict[str, list[int]] = {}

    def _prefix(self, key: frozenset[str]) -> list[str]:
        words = sorted(key, key=lambda w: (self.rank.get(w, -1), w))
        return words[: len(key) - math.ceil(SIMILAR * len(key) - 1e-9) + 1]

    def add(self, key: frozenset[str], value: str) -> None:
        if not key:
            return
        i = len(self.keys)
        self.keys.append((key, value))
        for w in self._prefix(key):
            self.index.setdefault(w, []).append(i)

    def first(self, key: frozenset[str]) -> str | None:
        if not key:
            return None
        for i in sorted({i for w in self._prefix(key) for i in self.index.get(w, ())}):
            k, value = self.keys[i]
            if similar(key, k):
                return value
        return None


@dataclass
class Draft:
    """A new question being assembled from one or more seed entries."""

    id: str
    entries: list[SeedEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Action:
    source: str  # the entry's label, <file>#<n>@<fingerprint>
    title: str
    # "new" (creates a question), "merge" (joins an existing one, or one created earlier in this run) or
    # "repeat" (the same file and text as an entry earlier in this run: nothing more to record)
    action: str
    id: str
    known: bool = False  # the entry was imported before: nothing to do
    line: int = 0  # of its heading in the seed document


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]
    new_files: dict[str, str]  # path -> text
    updated_files: dict[str, bytes]  # path -> the file's bytes with the labels added
    read: dict[str, bytes] = field(default_factory=dict)  # path -> the bytes updated_files was made from


_LABEL = re.compile(r"^(?P<file>[^\s#]+)#(?P<n>[1-9][0-9]*)(?:@(?P<fp>[0-9a-f]{8}))?$")


def plan_import(entries: list[SeedEntry], existing: dict[Path, Question], qa_dir: Path,
                texts: dict[Path, bytes] | None = None, categories: frozenset[str] | None = None) -> Plan:
    """``texts``: the bytes of existing files as read (read from disk when not given)."""
    by_fp: dict[tuple[str, str], str] = {}
    by_number: dict[tuple[str, int], str] = {}
    for q in existing.values():
        for s in q.sources:
            m = _LABEL.match(s)
            if m and m.group("fp"):
                by_fp.setdefault((m.group("file"), m.group("fp")), q.id)
            elif m:
                by_number.setdefault((m.group("file"), int(m.group("n"))), q.id)
    imported = set(by_fp)
    texts_of = {q.id: [q.zh.title, q.zh.question, *q.zh.aliases] for q in existing.values()}
    entry_keys = [title_key(e.title) for e in entries]
    existing_keys = [(title_key(t), q.id) for q in existing.values() for t in texts_of[q.id]]
    rank = _rarity([k for k, _ in existing_keys] + entry_keys)
    known_titles = _Matcher(rank)
    for k, qid in existing_keys:
        known_titles.add(k, qid)
    draft_titles = _Matcher(rank)
    old_label_of = {i: label for label, i in
                    _old_label_owners(entries, entry_keys, by_fp, by_number, existing_keys).items()}
    paths = {q.id: p for p, q in existing.items()}
    added: dict[str, list[str]] = {}
    drafts: dict[str, Draft] = {}
    taken = set(paths)
    actions: list[Action] = []
    for i, (entry, key) in enumerate(zip(entries, entry_keys)):
        ident = (entry.source.rsplit("#", 1)[0], entry.fingerprint)
        if ident in imported:
            actions.append(Action(entry.label, entry.title, "merge", by_fp[ident], True, entry.line))
            continue
        if i in old_label_of:
            qid = by_number[old_label_of[i]]
            by_fp.setdefault(ident, qid)
            actions.append(Action(entry.label, entry.title, "merge", qid, True, entry.line))
            continue
        if ident in by_fp:  # the same file and text as an entry earlier in this run
            actions.append(Action(entry.label, entry.title, "repeat", by_fp[ident], line=entry.line))
            continue
        match = known_titles.first(key)
        if match:
            added.setdefault(match, []).append(entry.label)
            by_fp[ident] = match
            actions.append(Action(entry.label, entry.title, "merge", match, line=entry.line))
            continue
        found = draft_titles.first(key)
        draft = drafts[found] if found else None
        if draft is None:
            draft = Draft(_new_id(entry, taken))
            taken.add(draft.id)
            drafts[draft.id] = draft
            draft_titles.add(key, draft.id)
        draft.entries.append(entry)
        by_fp[ident] = draft.id
        actions.append(Action(entry.label, entry.title, "new" if len(draft.entries) == 1 else "merge", draft.id,
                              line=entry.line))
    new_files = {str(qa_dir / f"{d.id}.yml"): render_draft(d, categories) for d in drafts.values()}
    read: dict[str, bytes] = {}
    updated: dict[str, bytes] = {}
    for qid, labels in sorted(added.items()):
        path = paths[qid]
        raw = texts[path] if texts is not None and path in texts else path.read_bytes()
        read[str(path)] = raw
        updated[str(path)] = add_sources(raw, labels)
    return Plan(tuple(actions), new_files, updated, read)


def _rarity(keys: list[frozenset[str]]) -> dict[str, int]:
    """Each word's rank, rarest first: the fixed order of words for ``_Matcher``'s prefixes."""
    count: dict[str, int] = {}
    for k in keys:
        for w in k:
            count[w] = count.get(w, 0) + 1
    return {w: i for i, w in enumerate(sorted(count, key=lambda w: (count[w], w)))}


def _old_label_owners(entries: list[SeedEntry], keys: list[frozenset[str]], by_fp: dict[tuple[str, str], str],
                      by_number: dict[tuple[str, int], str],
                      existing_keys: list[tuple[frozenset[str], str]]) -> dict[tuple[str, int], int]:
    """For each ``<file>#<n>`` label without fingerprint: the index of the one entry it stands for.

    Entries already known by fingerprint take no old label. First, an entry whose title is similar to the
    question that lists ``<file>#<m>`` of its own file takes that label: with its own number first, then
    whatever its number now (entries re-ordered, or shifted by one inserted before them). Then a label still free
    goes to the entry with its number: when several have it (numbering restarted in a file, or same-named
    files from different folders), the one whose title is closest to the question. The entries left over
    are matched afresh: a new entry inserted into an old seed is not taken for the one it displaced.
    """
    by_file: dict[str, list[tuple[int, str]]] = {}
    for (file, n), qid in by_number.items():
        by_file.setdefault(file, []).append((n, qid))
    theirs: dict[str, list[frozenset[str]]] = {}
    for k, qid in existing_keys:
        theirs.setdefault(qid, []).append(k)

    def closeness(i: int, qid: str) -> float:
        return max((len(keys[i] & k) / len(keys[i] | k) for k in theirs.get(qid, ()) if keys[i] | k), default=0.0)

    candidates = [i for i, e in enumerate(entries)
                  if (e.source.rsplit("#", 1)[0], e.fingerprint) not in by_fp and e.source.rsplit("#", 1)[0] in by_file]
    owners: dict[tuple[str, int], int] = {}
    assigned: set[int] = set()
    strong: list[tuple[int, float, int, tuple[str, int]]] = []  # (number differs, -closeness, entry, label)
    for i in candidates:
        file = entries[i].source.rsplit("#", 1)[0]
        for n, qid in by_file[file]:
            c = closeness(i, qid)
            if c >= SIMILAR:
                strong.append((int(n != entries[i].number), -c, i, (file, n)))
    for _, _, i, label in sorted(strong):
        if label not in owners and i not in assigned:
            owners[label] = i
            assigned.add(i)
    groups: dict[tuple[str, int], list[int]] = {}
    for i in candidates:
        label = (entries[i].source.rsplit("#", 1)[0], entries[i].number)
        if i not in assigned and label in by_number and label not in owners:
            groups.setdefault(label, []).append(i)
    for label, members in groups.items():
        owners[label] = max(members, key=lambda i: (closeness(i, by_number[label]), -i))
    return owners


def _new_id(entry: SeedEntry, taken: set[str]) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", entry.source.split("#")[0].split("_")[0].lower()).strip("-") or "seed"
    base = f"q-{stem}-{entry.number:02d}"
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    return qid


def merge_points(texts: list[str]) -> str:
    """Join the copies of an answer: keep the first, add only list items and paragraphs not said yet."""
    if not texts:
        return ""
    merged = texts[0].strip()
    seen = [_norm(b) for b in _blocks(merged)]
    for text in texts[1:]:
        for block in _blocks(text):
            n = _norm(block)
            if n and not any(_overlap(n, s) >= 0.6 for s in seen):
                is_item = block.lstrip()[:2] in {"- ", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9."}
                merged += ("\n" if is_item else "\n\n") + block
                seen.append(n)
    return merged


def _blocks(text: str) -> list[str]:
    out: list[str] = []
    for para in text.strip().split("\n\n"):
        lines = para.split("\n")
        if all(re.match(r"^\s*(?:[-*]|\d+\.)\s", ln) for ln in lines if ln.strip()):
            out.extend(ln for ln in lines if ln.strip())
        else:
            out.append(para)
    return out


def _norm(text: str) -> str:
    return re.sub(r"[\s*_`#>\-.\d、，。：:；;（）()]+", "", text)


def _overlap(a: str, b: str) -> float:
    ga = {a[i : i + 2] for i in range(len(a) - 1)}
    gb = {b[i : i + 2] for i in range(len(b) - 1)}
    return len(ga & gb) / max(1, min(len(ga), len(gb)))


def render_draft(draft: Draft, categories: frozenset[str] | None = None) -> str:
    first = draft.entries[0]
    title, question = first.title, first.question
    if len(title) > TITLE_MAX:  # the schema's limit: a longer title would block every later import
        # shortened; the whole heading stays in the question (an alias has the same limit as a title)
        title = title[: TITLE_MAX - 1].rstrip() + "…"
        if first.title not in question:
            question = f"{first.title}\n\n{question}"
    data = {
        "id": draft.id,
        "category": guess_category(first.title, categories),
        "difficulty": 2,
        "frequency": 2,
        "tags": [],
        "related": [],
        "sources": list(dict.fromkeys(e.label for e in draft.entries)),
        "zh": {
            "title": title,
            "question": question,
            # no answer in the seed: a draft (`kb check` reports the TODO line), not the question repeated
            "answer": merge_points([e.answer for e in draft.entries if e.answer]) or TODO_ANSWER_ZH,
        },
    }
    analysis = merge_points([e.analysis for e in draft.entries if e.analysis])
    if analysis:
        data["zh"]["analysis"] = analysis
    return MODELINE + "\n" + dump(data)  # editors validate against schema/question.schema.json


def add_sources(raw: bytes, sources: list[str]) -> bytes:
    """Add items to the ``sources`` list of a question file by inserting text only.

    Every byte of the file stays, in order (BOM, line endings, comments, quoting, indentation): a block
    list gains lines after its last item, in that item's indentation; a flow list (``[a, b]  # note``)
    gains items before its ``]``; a file without ``sources`` gains a block before ``zh:``.
    """
    doc = LineText(raw)
    try:
        root = parse(doc.normalized()).node
    except yaml.YAMLError as exc:
        raise WriteError(f"cannot parse the file to add sources: {exc}") from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise WriteError("expected a block mapping at the top level; add the sources by hand")
    items = [json.dumps(s, ensure_ascii=False) for s in sources]  # a JSON string is a YAML double-quoted scalar
    pair = next(((k, v) for k, v in root.value if k.value == "sources"), None)
    if pair is None:
        zh = next((k for k, _ in root.value if k.value == "zh"), None)
        at = zh.start_mark.line if zh is not None else len(doc.lines) - (0 if doc.content(-1) else 1)
        while at > 0 and doc.content(at - 1).startswith("#"):
            at -= 1  # a comment above zh: stays with it
        doc.insert_lines(at, ["sources:"] + [f"  - {s}" for s in items])
        return doc.encode()
    node = pair[1]
    if not isinstance(node, yaml.SequenceNode):
        raise WriteError("sources: expected a list; add the sources by hand")
    if node.flow_style:
        line, col = node.end_mark.line, node.end_mark.column - 1
        if doc.content(line)[col:col + 1] != "]":
            raise WriteError("sources: cannot find the ']' that ends the list; add the sources by hand")
        if not node.value:
            doc.insert_in_line(line, col, ", ".join(items))
        else:
            last = node.value[-1].end_mark
            between = ([doc.content(line)[last.column:col]] if last.line == line else
                       [doc.content(last.line)[last.column:]] + [doc.content(j) for j in range(last.line + 1, line)]
                       + [doc.content(line)[:col]])
            trailing_comma = any("," in part.split("#", 1)[0] for part in between)  # `[a, b,]`
            lead = " " if trailing_comma else ", "
            doc.insert_in_line(line, col, lead + ", ".join(items))
        return doc.encode()
    last = node.value[-1]
    end = last.end_mark.line if last.end_mark.column > 0 else last.end_mark.line - 1
    prefix = doc.content(last.start_mark.line)[: last.start_mark.column]
    if prefix.strip() != "-":
        prefix = " " * node.start_mark.column + "- "
    doc.insert_lines(end + 1, [f"{prefix}{s}" for s in items])
    return doc.encode()
