"""Parse seed documents (machine-written Chinese Q&A in Markdown) into entries. Pure.

Accepted variations: ``##``-``####`` numbered question headings, an optional document title and
intro/closing paragraphs, section markers ``**题目：**`` / ``**题目**:`` / ``题目：`` (colon inside or
outside the bold, full-width or ASCII), text on the marker line or on the following lines, ``*``,
``-`` and numbered lists, and extra sections (实例, 应对策略 …) that stay part of the answer.

Any other heading after the first question (a section title, a question heading in a form not listed
above) ends the entry before it: it and the lines under it are not imported but listed in
``Parsed.unrecognised`` with their line, so the import report names them instead of gluing them into
the previous answer.

An entry is identified by its file name and a fingerprint of its normalised title and question text
(``SeedEntry.label``: ``<file>#<number>@<fingerprint>``), so that re-numbered or re-ordered entries, a
numbering that restarts inside a file, and same-named files in different folders are told apart.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

from kb.checks.similar import normalized

# The number of a question: "### 3. Title", not a numbered sub-heading "#### 3.1 Details" inside one (that was
# read as question 3 again, titled "1 Details", and took the rest of the answer with it).
_HEADING = re.compile(r"^#{2,4}\s*(\d+)(?![.．]\d)\s*[.．、:：]\s*(.+?)\s*#*\s*$")
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

    @functools.cached_property
    def fingerprint(self) -> str:
        """8 hex digits of the normalised title and question: the same question gives the same fingerprint."""
        text = normalized(self.title) + "\n" + normalized(self.question)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]

    @property
    def label(self) -> str:
        """What ``sources:`` records: ``<file>#<number>@<fingerprint>``."""
        return f"{self.source}@{self.fingerprint}"


@dataclass(frozen=True)
class Unrecognised:
    line: int  # 1-based
    text: str
    skipped: int  # lines under it (to the next question heading) that were not imported
    after: str  # the source of the entry it followed


@dataclass(frozen=True)
class Parsed:
    entries: list[SeedEntry]
    unrecognised: list[Unrecognised]


def parse_document(text: str, file_name: str) -> list[SeedEntry]:
    return parse_seed(text, file_name).entries


def parse_seed(text: str, file_name: str) -> Parsed:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    code = _in_code(lines)
    starts = [(i, m) for i, line in enumerate(lines) if i not in code and (m := _HEADING.match(line.strip()))]
    entries = []
    unrecognised = []
    for k, (i, m) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        source = f"{file_name}#{int(m.group(1))}"
        others = [j for j in range(i + 1, end) if j not in code and _ANY_HEADING.match(lines[j].strip())]
        for j, stop in zip(others, others[1:] + [end]):
            unrecognised.append(Unrecognised(j + 1, lines[j].strip(),
                                             sum(1 for ln in lines[j + 1:stop] if ln.strip()), source))
        if others:
            body = _drop_blank_tail(lines[i + 1 : others[0]])
        else:
            body = lines[i + 1 : end]
            body = _drop_closing(body) if k + 1 == len(starts) else _drop_blank_tail(body)
        entries.append(_entry(file_name, int(m.group(1)), m.group(2).strip(), body, i + 1))
    return Parsed(entries, unrecognised)


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def _in_code(lines: list[str]) -> set[int]:
    """Indexes of the lines inside fenced code blocks (a ``# comment`` there is not a heading)."""
    inside: set[int] = set()
    fence = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
        elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
            fence = None
        else:
            inside.add(i)
    return inside


def _drop_blank_tail(body: list[str]) -> list[str]:
    while body and not body[-1].strip():
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
