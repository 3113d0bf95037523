"""Parse seed documents (machine-written Chinese Q&A in Markdown) into entries. Pure.

Accepted variations: ``##``-``####`` numbered question headings, an optional document title and
intro/closing paragraphs, section markers ``**题目：**`` / ``**题目**:`` / ``题目：`` (colon inside or
outside the bold, full-width or ASCII), text on the marker line or on the following lines, ``*``,
``-`` and numbered lists, and extra sections (实例, 应对策略 …) that stay part of the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^#{2,4}\s*(\d+)\s*[.．、:：]\s*(.+?)\s*#*\s*$")
_ANY_HEADING = re.compile(r"^#{1,6}\s")
_MARKER = re.compile(
    r"^\s*(?:\*\*|__)?\s*(?P<name>[^*_:：\n]{1,16}?)\s*(?:(?:\*\*|__)\s*[:：]|[:：]\s*(?:\*\*|__)|[:：])\s*(?P<rest>.*)$"
)
_KNOWN = {"题目": "question", "问题": "question", "答案": "answer", "回答": "answer", "解答": "answer",
          "解析": "analysis", "分析": "analysis", "答案解析": "analysis"}
_CLOSING = re.compile(r"^\s*(以上|希望|总之|综上|如果您有任何|感谢)")


@dataclass(frozen=True)
class SeedEntry:
    source: str  # "<file name>#<number>"
    number: int
    title: str
    question: str
    answer: str
    analysis: str
    line: int  # 1-based line of the heading


def parse_document(text: str, file_name: str) -> list[SeedEntry]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    starts = [(i, m) for i, line in enumerate(lines) if (m := _HEADING.match(line.strip()))]
    entries = []
    for k, (i, m) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        body = lines[i + 1 : end]
        if k + 1 == len(starts):
            body = _drop_closing(body)
        else:
            body = _drop_trailing_headings(body)
        entries.append(_entry(file_name, int(m.group(1)), m.group(2).strip(), body, i + 1))
    return entries


def _drop_trailing_headings(body: list[str]) -> list[str]:
    # a non-question heading between two entries (a section title) belongs to neither
    while body and (not body[-1].strip() or _ANY_HEADING.match(body[-1].strip())):
        body = body[:-1]
    return body


def _drop_closing(body: list[str]) -> list[str]:
    """Remove closing paragraphs ("以上是…希望对您有所帮助") and rules after the last entry."""
    paragraphs = "\n".join(body).rstrip().split("\n\n")
    while paragraphs and (_CLOSING.match(paragraphs[-1].strip()) or paragraphs[-1].strip() in {"", "---", "***"}):
        paragraphs.pop()
    return "\n\n".join(paragraphs).split("\n")


def _entry(file_name: str, number: int, title: str, body: list[str], line: int) -> SeedEntry:
    sections: dict[str, list[str]] = {"question": [], "answer": [], "analysis": []}
    current = "answer"
    for raw in body:
        m = _MARKER.match(raw)
        name = m.group("name").strip() if m else ""
        if m and raw.lstrip().startswith(("**", "__")) or (m and name in _KNOWN):
            kind = _KNOWN.get(name)
            if kind:
                current = kind
                if m.group("rest").strip():
                    sections[current].append(m.group("rest").strip())
                continue
            # an extra section (实例, 应对策略, 关键技术 …): kept, as part of the answer
            if current != "answer":
                current = "answer"
            sections[current].append(f"**{name}：** {m.group('rest').strip()}".rstrip())
            continue
        sections[current].append(raw.rstrip())
    question = _clean(sections["question"]) or title
    return SeedEntry(f"{file_name}#{number}", number, title, question, _clean(sections["answer"]),
                     _clean(sections["analysis"]), line)


def _clean(lines: list[str]) -> str:
    text = "\n".join(re.sub(r"^(\s*)\*(\s+)", r"\1-\2", line) for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
