"""Markdown helpers: the one place where user text is escaped, linted and linked.

Pure functions only. ``lint`` finds what content Markdown may not contain (raw HTML, unsafe URLs,
page-level headings); ``link_terms`` links the first mention of glossary terms
(a ``Glossary``, built once per language of a build by kb.site.plan).
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from typing import Iterable

import ahocorasick

from kb.render.answer_html import MAX_DEPTH, is_external, structure

# Spans that must not be touched: fenced code (``_fences``), and on one line code, links, images,
# autolinks and bare URLs. No pattern can scan past the character that starts another of its kind (a
# "[" inside a link text, a "(" inside a destination, a "<" inside an autolink), so each start is
# given up at the next one and a run of "[" or "(" is read once (quadratic before: 44 s for 24,000 "{").
_INLINE_PROTECTED = re.compile(
    r"`[^`\n]+`"
    r"|!?\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)"
    r"|<https?://[^<>\s]+>"
    r"|https?://[^\s)>\]]+"
)
_HTML_TAG = re.compile(r"<(?!https?://)/?[A-Za-z!?][^>\n]*>?")
# Link targets: inline links and images (also with nested brackets in the text), and reference
# definitions ``[x]: url``.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^[ \t]*\[(?!\^)[^\]\n]+\]:[ \t]*<?([^\s>]*)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_WEB_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")  # protected from the HTML scan, checked as links
# attr_list ``{ key="value" }`` sets HTML attributes: no event handlers, URLs or styles that way.
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*?(?<![\w-])(on[a-z]+|href|src|srcset|style|action|formaction)\s*=", re.I)
# A sentence of Chinese without a break: the search indexer (Pagefind) cuts such a run into words in time
# quadratic in its length (174,000 characters: 7 s; scripts/benchmark.py --budget). Today's longest is 40.
HAN_RUN_MAX = 300
MAX_ISSUES = 50  # problems listed per text; the rest are counted
_HAN_RUN = re.compile(rf"[\u3400-\u9fff\uf900-\ufaff]{{{HAN_RUN_MAX + 1},}}")
_PAGE_HEADING = re.compile(r"^#{1,2}(?:\s|$)", re.M)
# Every character Python-Markdown (with the tables extension) lets a backslash escape: the syntax of
# emphasis, code, links, headings, lists, tables, admonitions (``!!!``) and attr_list (``{ … }``).
# Escaped, none of them can start a construct, whatever extension reads the text.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]")


@dataclass(frozen=True)
class Issue:
    line: int  # 1-based, within the text
    message: str


def escape(text: str) -> str:
    """Escape text for use inside inline Markdown (titles in lists, link texts, table cells, headings).

    The result is one line of literal text: line breaks become spaces and leading and trailing space is
    dropped (four spaces would start a code block), every character Python-Markdown can escape is
    escaped, so no construct (an attribute list ``{ … }`` above all) can start inside it, and ``&`` and
    ``<`` become entities: Python-Markdown has no backslash escape for ``<`` (``\\<`` shows the
    backslash), and an entity keeps ``&lt;`` written in a title from turning into ``<``.
    """
    text = _LINE_BREAK.sub(" ", text).strip().replace("&", "&amp;").replace("<", "&lt;")
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def link(text: str, url: str, title: str | None = None) -> str:
    shown = f' "{title.replace(chr(34), chr(39))}"' if title else ""
    return f"[{escape(text)}]({url}{shown})"


def fences(text: str, indented: bool = False) -> list[tuple[int, int]]:
    """(start, end) of every fenced code block: a line starting with ``` or ~~~ (after spaces or tabs if
    ``indented``) up to the next line that is the same fence alone. Each kind's closing lines are found
    once, so an opening fence that is never closed (it is not a block then) costs a bisection, not a scan
    to the end of the text (the regex it replaces was quadratic in such lines)."""
    if "```" not in text and "~~~" not in text:
        return []
    indent = "[ \t]*" if indented else ""
    opening = re.compile(rf"^{indent}(```|~~~)", re.M)
    closing = {fence: re.compile(rf"^{indent}{fence}[ \t]*$", re.M) for fence in ("```", "~~~")}
    closers = {fence: [m.start() for m in rx.finditer(text)] for fence, rx in closing.items()}
    out: list[tuple[int, int]] = []
    end = 0
    for m in opening.finditer(text):
        if m.start() < end:
            continue  # inside the block found last
        ends = closers[m.group(1)]
        i = bisect.bisect_right(ends, m.end())  # the first closing line after this one
        if i < len(ends):
            end = closing[m.group(1)].match(text, ends[i]).end()
            out.append((m.start(), end))
    return out


class LineIndex:
    """The 1-based line of any position of a text, by bisection (``text.count`` per position was
    quadratic in the number of positions asked)."""

    def __init__(self, text: str) -> None:
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def line(self, index: int) -> int:
        return bisect.bisect_left(self.breaks, index) + 1


class _Segments:
    """A text cut into protected spans (code, links, URLs) and the free text between them, with the line
    of any position; each in one pass over the text, whatever is asked afterwards."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int, bool]] = []  # (start, end, is_code) of each protected span
        pos = 0
        for start, end in fences(text):
            self._inline(pos, start)
            self.spans.append((start, end, True))
            pos = end
        self._inline(pos, len(text))
        self.starts = [s for s, _, _ in self.spans]
        self._lines: LineIndex | None = None

    def _inline(self, start: int, end: int) -> None:
        for m in _INLINE_PROTECTED.finditer(self.text, start, end):
            self.spans.append((m.start(), m.end(), m.group(0).startswith("`")))

    def free(self) -> Iterable[tuple[int, int, bool]]:
        """(start, end, is_free) covering the text."""
        pos = 0
        for start, end, _ in self.spans:
            if start > pos:
                yield pos, start, True
            yield start, end, False
            pos = end
        if pos < len(self.text):
            yield pos, len(self.text), True

    def in_code(self, index: int) -> bool:
        i = bisect.bisect_right(self.starts, index) - 1
        return i >= 0 and self.spans[i][1] > index and self.spans[i][2]

    def line(self, index: int) -> int:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines.line(index)


def _free_segments(text: str) -> Iterable[tuple[int, int, bool]]:
    """Yield (start, end, is_free) covering ``text``."""
    return _Segments(text).free()


def lint(text: str, question_ids: set[str]) -> list[Issue]:
    """What a content author may not write: raw HTML, unsafe or dangling links, # and ## headings, images
    from other hosts. Linear in the length of the text (scripts/benchmark.py --budget)."""
    issues: list[Issue] = []
    seg = _Segments(text)
    for start, end, free in seg.free():
        if not free:
            continue
        for m in _HTML_TAG.finditer(text, start, end):
            auto = _AUTOLINK.match(m.group(0))
            problem = check_url(auto.group(1), question_ids) if auto else None
            if not auto or problem:
                msg = problem or f"raw HTML is not allowed ({m.group(0)[:30]!r}); use Markdown"
                issues.append(Issue(seg.line(m.start()), msg))
        for m in _ATTR_LIST.finditer(text, start, end):
            issues.append(Issue(seg.line(m.start()),
                                f"attribute '{m.group(1)}' is not allowed in an attribute list {{ … }}; "
                                "event handlers, URLs and styles cannot be set that way"))
    for m in _PAGE_HEADING.finditer(text):
        if not seg.in_code(m.start()):
            issues.append(Issue(seg.line(m.start()),
                                "# and ## headings are not allowed in an answer; use ### or bold lead-ins"))
    for m in _HAN_RUN.finditer(text):
        issues.append(Issue(seg.line(m.start()), f"{len(m.group(0)):,} Chinese characters without punctuation or "
                                                 f"space (at most {HAN_RUN_MAX}); break it into sentences"))
    found = structure(text)
    for line, url in found.images:
        if is_external(url):
            issues.append(Issue(line, f"image from another host ({url[:60]!r}): a page may load nothing from "
                                      "other hosts (readers' privacy); link to it instead: [text](url)"))
    if found.too_deep:
        issues.append(Issue(found.too_deep[0], f"elements nested more than {MAX_DEPTH} deep (each level of a "
                                               "list, quote or emphasis is one or two); write it flatter"))
    for m in _LINK_TARGET.finditer(text):
        if seg.in_code(m.start()):
            continue
        problem = check_url(m.group(1) if m.group(1) is not None else m.group(2), question_ids)
        if problem:
            issues.append(Issue(seg.line(m.start()), problem))
    for m in _WEB_AUTOLINK.finditer(text):
        problem = None if seg.in_code(m.start()) else check_url(m.group(1), question_ids)
        if problem:
            issues.append(Issue(seg.line(m.start()), problem))
    if len(issues) > MAX_ISSUES:  # 170,000 lines of the same message help nobody and took seconds to print
        issues.sort(key=lambda i: i.line)
        rest = issues[MAX_ISSUES:]
        issues = issues[:MAX_ISSUES] + [Issue(rest[0].line, f"{len(rest):,} more problems in this text from "
                                                            "this line on, not listed")]
    return issues


def check_url(url: str, question_ids: set[str]) -> str | None:
    """None if ``url`` is a safe link target, else what is wrong with it."""
    # what a browser sees: entities decoded, whitespace and control characters dropped
    lowered = re.sub(r"[\s\x00-\x1f\x7f]", "", html.unescape(url)).lower()
    if re.match(r"^(javascript|data|vbscript|file):", lowered):
        return f"unsafe link target {url[:40]!r}: only https://, http:// and links to other questions are allowed"
    if re.match(r"^[a-z][a-z0-9+.-]*:", lowered) and not lowered.startswith(("http://", "https://", "mailto:")):
        return f"unsupported link scheme in {url[:40]!r}"
    if lowered.startswith(("http://", "https://")):  # https://arxiv.org@evil.example/ opens evil.example
        authority = re.split(r"[/?#\\]", lowered.split("//", 1)[1], maxsplit=1)[0]
        if "@" in authority:
            return (f"link target {url[:60]!r} has a user name before '@': it opens "
                    f"{authority.rsplit('@', 1)[1][:40]!r}, not the host it seems to name; remove the part before '@'")
        if not authority.isascii():  # https://аrxiv.org/ with a Cyrillic а: another host that looks the same
            return (f"link target {url[:60]!r} has a host with non-ASCII characters ({authority[:40]!r}), which can "
                    "look like another host; write the host in ASCII (an international name as xn--…)")
    if lowered.startswith(("http://", "https://", "mailto:", "#")) or not url:
        return None
    target = url.split("#", 1)[0]
    m = re.fullmatch(r"(?:\./)?([a-z0-9-]+)\.md", target)
    if not m:
        return f"internal link {url!r} must point to another question as '<id>.md'"
    if m.group(1) not in question_ids:
        return f"link to unknown question '{m.group(1)}'"
    return None


@dataclass(frozen=True)
class Term:
    id: str
    forms: tuple[str, ...]  # the term and its aliases, as written in text
    definition: str


def link_terms(text: str, terms: Glossary | Iterable[Term], href: str, used: set[str]) -> str:
    """Link the first mention of each term not yet in ``used`` (updated in place).

    Matching is literal and case-insensitive; a term may not touch a Latin letter or digit on either
    side, which also works inside Chinese sentences where there are no spaces between words.
    """
    glossary = terms if isinstance(terms, Glossary) else Glossary(tuple(terms))  # a build passes one Glossary
    if not glossary.forms:
        return text

    def link(found: str) -> str:
        term = glossary.by_form[found.lower()]
        if term.id in used:
            return found
        used.add(term.id)
        return term_link(found, href, term)

    places = glossary.places(text)
    out: list[str] = []
    for start, end, free in _Segments(text).free():
        chunk = text[start:end]
        if not free:
            out.append(chunk)
        elif places is None:
            out.append(glossary.regex.sub(lambda m: link(m.group(1)), chunk))
        else:
            first, last = bisect.bisect_left(places, (start,)), bisect.bisect_left(places, (end,))
            out.append(glossary.sub(chunk, start, places[first:last], link))
    return "".join(out)


def term_link(found: str, href: str, term: Term) -> str:
    """The CommonMark link of a mention ``found`` to ``term``, its definition as the title (a tooltip)."""
    return f'[{_cm_escape(found)}]({href}#{term.id} "{_cm_escape(_LINE_BREAK.sub(" ", term.definition))}")'


def _cm_escape(text: str) -> str:
    """Literal text inside a CommonMark link text or title: every ASCII punctuation character escaped."""
    return _CM_PUNCT.sub(r"\\\g<0>", text)


_CM_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_TERM_BEFORE = r"(?<![A-Za-z0-9_-])"
_TERM_AFTER = r"(?![A-Za-z0-9_])"


class Glossary:
    """The forms of a glossary, longest first, and a fast way to find them in a text.

    Equivalent to ``re.sub`` with one case-insensitive regex alternating over every form (the forms
    in this order, between the lookarounds above) on every free chunk of the text: that regex tries
    every form at every position, the slowest part of rendering (scripts/benchmark.py). Here each
    form is found in the case-folded text (all of them in one pass, ``places``), which finds every place
    re.I could match, and only those places are checked with the form's own regex, in the order the
    alternation would try them. Where case folding changes lengths (ß, İ), the plain regex is used.
    """

    def __init__(self, terms: tuple[Term, ...]):
        self.ids = frozenset(t.id for t in terms)
        pairs = sorted(((f, t) for t in terms for f in t.forms if f.strip()), key=lambda x: -len(x[0]))
        self.forms = tuple(f for f, _ in pairs)
        self.by_form = {f.lower(): t for f, t in pairs}
        self.folded = tuple(f.casefold() for f in self.forms)
        self.exact = all(len(k) == len(f) for f, k in zip(self.forms, self.folded))
        body = "|".join(re.escape(f) for f in self.forms)
        self.regex = re.compile(f"{_TERM_BEFORE}({body}){_TERM_AFTER}", re.I) if self.forms else None
        self.single = [re.compile(f"{_TERM_BEFORE}{re.escape(f)}{_TERM_AFTER}", re.I) for f in self.forms]
        # Every case-folded form, found in one pass over a text (Aho–Corasick): a str.find per form
        # was a third of rendering a page (scripts/benchmark.py). A folded form may stand for several.
        orders: dict[str, list[int]] = {}
        for order, form in enumerate(self.folded):
            orders.setdefault(form, []).append(order)
        self.automaton = ahocorasick.Automaton()
        for form, found in orders.items():
            self.automaton.add_word(form, (len(form), tuple(found)))
        if orders:
            self.automaton.make_automaton()

    def places(self, text: str) -> list[tuple[int, int]] | None:
        """Sorted (position, form order) of every case-folded occurrence; None to use the regex."""
        folded = text.casefold()
        if not self.exact or len(folded) != len(text):
            return None
        if not self.forms:
            return []
        found = [(end - length + 1, order) for end, (length, orders) in self.automaton.iter(folded) for order in orders]
        found.sort()
        return found

    def sub(self, chunk: str, offset: int, places: list[tuple[int, int]], link) -> str:
        """``chunk`` (at ``offset`` in the text) with the matches among ``places`` replaced by ``link``."""
        out: list[str] = []
        done = 0  # end of the last match in the chunk: the alternation resumes its scan there
        for at, order in places:
            at -= offset
            if at < done:
                continue
            m = self.single[order].match(chunk, at)
            if m is None:
                continue  # the next form in order at this place, or the next place
            out.append(chunk[done:at])
            out.append(link(m.group(0)))
            done = m.end()
        out.append(chunk[done:])
        return "".join(out)


_MARKUP = re.compile(r"[*_`>#]|\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")  # linear: as seo._LINK


def first_sentence(text: str, limit: int = 155) -> str:
    """Plain-text start of a Markdown text, for meta descriptions."""
    plain = _MARKUP.sub(lambda m: m.group(1) or "", text).strip()
    plain = re.sub(r"\s+", " ", plain.split("\n\n", 1)[0])
    m = re.search(r"^(.+?(?:[。！？]|[.!?](?=\s|$)))", plain)
    sentence = m.group(1) if m else plain
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
