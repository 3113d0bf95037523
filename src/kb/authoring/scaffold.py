"""``kb new``: the text of a new question file. Pure: no prompting, no file access.

The scaffold is a valid question (it loads, its category and tags exist), but every part the author
must write is a line starting with ``TODO``. ``kb check`` and ``mkdocs build`` report each such line
as an error, so a half-written question is never published; ``mkdocs serve`` previews it anyway
(kb.checks.editorial). Nothing else in the file is placeholder text: comments explain the rest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml

from kb.authoring.editor_schema import MODELINE
from kb.content.loader import Content
from kb.checks.editorial import MAX_TAGS, MAX_ZH_TITLE
from kb.checks.names import unknown_category, unknown_tag
from kb.content.schema import SLUG_MAX, SLUG_RE, TITLE_MAX
from kb.content.urls import QUESTIONS, reserved

MAX_TITLE = {"zh": MAX_ZH_TITLE, "en": TITLE_MAX}  # the zh limit is editorial; en is the schema's limit

# The line a question's Chinese answer starts as, before anyone wrote it (`kb new`, and `kb import` for a seed
# entry without an answer): `kb check` reports it until it is replaced.
TODO_ANSWER_ZH = "TODO 先用 1–3 句话直接回答，再分点展开，每点以加粗短语开头：- **要点**：解释。"


@dataclass(frozen=True)
class NewQuestion:
    id: str
    category: str
    title_zh: str
    title_en: str | None = None
    difficulty: int = 2
    tags: tuple[str, ...] = ()
    frequency: int = 2


def id_problem(qid: str, taken: set[str]) -> str | None:
    if not re.fullmatch(SLUG_RE, qid) or len(qid) > SLUG_MAX:
        return f"{qid!r} is not a valid id: use lowercase words joined by '-', e.g. gradient-accumulation"
    if qid in taken:
        return f"content/qa/{qid}.yml already exists; choose another id or edit that file"
    return reserved(QUESTIONS, qid)


def category_problem(slug: str, content: Content) -> str | None:
    """As ``kb check`` words it (kb.checks.names)."""
    return unknown_category(slug, {c.slug for c in content.categories})


def tag_problems(tags: tuple[str, ...], content: Content) -> list[str]:
    """Unknown tags as ``kb check`` words them (kb.checks.names), a repeated tag, more than MAX_TAGS."""
    known = {t.slug for t in content.tags}
    out = [p for p in (unknown_tag(t, known) for t in tags) if p]
    if len(set(tags)) != len(tags):
        out.append("the same tag is given twice")
    if len(tags) > MAX_TAGS:
        out.append(f"{len(tags)} tags; use 1 to {MAX_TAGS}")
    return out


def title_problem(title: str, lang: str = "zh") -> str | None:
    title = title.strip()
    if not title:
        return "the title must not be empty"
    if "\n" in title:
        return "the title must be one line"
    if len(title) > MAX_TITLE[lang]:
        return (f"the title has {len(title)} characters; keep it to {MAX_TITLE[lang]} "
                "(the full question goes in `question`)")
    return None


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s,，、]+", text.strip()) if t)


def render(new: NewQuestion) -> str:
    """The YAML text of the new question file."""
    tags = "[" + ", ".join(new.tags) + "]"
    lines = [
        MODELINE,
        f"id: {new.id}",
        f"category: {new.category}",
        f"difficulty: {new.difficulty}  # 1 = basic, 2 = intermediate, 3 = advanced",
        f"frequency: {new.frequency}  # how often interviews ask it: 1 rarely, 2 often, 3 almost always",
        "syllabus: []  # ids from content/syllabus.yml whose home page this is, e.g. [B2]",
        f"tags: {tags}  # 1 to 4 slugs from content/tags.yml",
        "# 2 to 5 related questions, each written once: the other page shows the link too.",
        "related: []",
        "#  - id: other-question-id",
        "#    zh: 一句话说明两题的关系，例如“常被混淆：……”。",
        '#    en: "One sentence on how they relate, e.g. often confused with it: ..."',
        "sources: []  # seed entries ('<seed file>#<number>') this question came from; [] for a new question",
        "references: []",
        '#  - title: "Exact title of the paper or document"',
        '#    authors: "First Author et al."',
        "#    year: 2020",
        "#    url: https://arxiv.org/abs/NNNN.NNNNN",
        "zh:",
        f"  title: {_scalar(new.title_zh.strip())}",
        "  question: |",
        "    TODO 写出完整的问题：面试官会怎么问？",
        "  aliases: []  # 读者会搜索的同义词，如 [缩放定律, 规模法则]",
        "  answer: |",
        f"    {TODO_ANSWER_ZH}",
        "  analysis: |",
        "    TODO 为什么有效；权衡与适用边界；常见误区；一个面试追问及简短回答。",
    ]
    if new.title_en:
        lines += [
            "en:",
            f"  title: {_scalar(new.title_en.strip())}",
            "  question: |",
            "    TODO Write the full question as an interviewer would ask it.",
            "  aliases: []  # synonyms readers search for",
            "  answer: |",
            "    TODO A direct answer in 1-3 sentences, then the points, each with a bold lead-in: - **Point**: why.",
            "  analysis: |",
            "    TODO Why it works; trade-offs and limits; common mistakes; "
            "one interview follow-up with a short answer.",
            "# When the English says what the Chinese says, run: kb stamp " + new.id,
        ]
    else:
        lines += ["# en: the English translation goes here (same keys as zh); then run: kb stamp " + new.id]
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """``text`` as a one-line YAML scalar: plain when that reads back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {text}") == {"k": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
