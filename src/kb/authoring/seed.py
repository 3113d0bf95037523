"""Seed import: parsed seed entries -> an import plan -> new or updated question files.

Planning is pure; ``apply`` is the only function that writes, and it writes nothing unless every
file of the plan could be prepared. Text a maintainer wrote is never rewritten: a seed entry that
matches an existing question only adds its source to that question's ``sources`` list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jieba

from kb.authoring.editor_schema import MODELINE
from kb.content.schema import TITLE_MAX, Question
from kb.authoring.seedparse import SeedEntry
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


def guess_category(title: str) -> str:
    return next((slug for hint, slug in _CATEGORY_HINTS if hint in title), "foundations")


@dataclass
class Draft:
    """A new question being assembled from one or more seed entries."""

    id: str
    entries: list[SeedEntry] = field(default_factory=list)

    @property
    def key(self) -> frozenset[str]:
        return title_key(self.entries[0].title)


@dataclass(frozen=True)
class Action:
    source: str
    title: str
    action: str  # "new" (creates a question) or "merge" (joins an existing one, or one created earlier in this run)
    id: str
    known: bool = False  # the source was already listed: nothing to do


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]
    new_files: dict[str, str]  # path -> text
    updated_files: dict[str, str]  # path -> text


def plan_import(entries: list[SeedEntry], existing: dict[Path, Question], qa_dir: Path) -> Plan:
    by_source = {s: q.id for q in existing.values() for s in q.sources}
    keys: list[tuple[frozenset[str], str]] = []
    for q in existing.values():
        for text in (q.zh.title, q.zh.question, *q.zh.aliases):
            keys.append((title_key(text), q.id))
    paths = {q.id: p for p, q in existing.items()}
    added: dict[str, list[str]] = {}
    drafts: list[Draft] = []
    taken = set(paths)
    actions: list[Action] = []
    for entry in entries:
        if entry.source in by_source:
            actions.append(Action(entry.source, entry.title, "merge", by_source[entry.source], known=True))
            continue
        key = title_key(entry.title)
        match = next((qid for k, qid in keys if similar(key, k)), None)
        if match:
            added.setdefault(match, []).append(entry.source)
            by_source[entry.source] = match
            actions.append(Action(entry.source, entry.title, "merge", match))
            continue
        draft = next((d for d in drafts if similar(key, d.key)), None)
        if draft is None:
            draft = Draft(_new_id(entry, taken))
            taken.add(draft.id)
            drafts.append(draft)
        draft.entries.append(entry)
        by_source[entry.source] = draft.id
        actions.append(Action(entry.source, entry.title, "new" if len(draft.entries) == 1 else "merge", draft.id))
    new_files = {str(qa_dir / f"{d.id}.yml"): render_draft(d) for d in drafts}
    updated = {str(paths[qid]): add_sources(paths[qid].read_text(encoding="utf-8-sig"), srcs)
               for qid, srcs in sorted(added.items())}
    return Plan(tuple(actions), new_files, updated)


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


def render_draft(draft: Draft) -> str:
    first = draft.entries[0]
    title, aliases = first.title, []
    if len(title) > TITLE_MAX:  # the schema's limit: a longer title would block every later import
        title, aliases = title[: TITLE_MAX - 1].rstrip() + "…", [first.title]
    data = {
        "id": draft.id,
        "category": guess_category(first.title),
        "difficulty": 2,
        "frequency": 2,
        "tags": [],
        "related": [],
        "sources": [e.source for e in draft.entries],
        "zh": {
            "title": title,
            "question": first.question,
            "answer": merge_points([e.answer for e in draft.entries if e.answer]) or first.question,
        },
    }
    analysis = merge_points([e.analysis for e in draft.entries if e.analysis])
    if analysis:
        data["zh"]["analysis"] = analysis
    if aliases:
        data["zh"]["aliases"] = aliases
    return MODELINE + "\n" + dump(data)  # editors validate against schema/question.schema.json


def add_sources(text: str, sources: list[str]) -> str:
    """Append to the ``sources`` list of a question file, leaving every other line as it was."""
    doc = parse(text)
    lines = text.split("\n")
    node = next((v for k, v in doc.node.value if k.value == "sources"), None) if doc.node else None
    items = [f'"{s}"' for s in sources]
    if node is None:
        at = next((i for i, ln in enumerate(lines) if ln.startswith("zh:")), len(lines))
        return "\n".join(lines[:at] + ["sources:"] + [f"  - {s}" for s in items] + lines[at:])
    if node.flow_style or not node.value:
        line = node.start_mark.line
        old = [f'"{v.value}"' for v in node.value]
        key = lines[line].split(":", 1)[0]
        lines[line] = f"{key}: [{', '.join(old + items)}]"
        return "\n".join(lines)
    dash = " " * (node.value[0].start_mark.column - 2)
    after = node.value[-1].end_mark.line + 1
    return "\n".join(lines[:after] + [f"{dash}- {s}" for s in items] + lines[after:])
