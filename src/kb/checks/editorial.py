"""Authoring checks run by ``kb check`` and the build: placeholders, repeats, LaTeX, editorial standards.

Pure: Content in, ContentErrors out. Called from ``kb.checks.run.check``.

- ``TODO`` placeholders: ``kb new`` writes the parts an author must write as lines starting with
  ``TODO``. Each such line is an error, so a scaffold can never be published half-written.
  (``mkdocs serve`` shows drafts anyway: see ``kb.site.build(drafts=True)``.)
- Near-duplicates: a question whose title repeats another question's title (or alias) is an error
  naming the other question. Two questions that really differ but read alike are accepted once they
  link each other in ``related`` (with a note saying how they differ).
- LaTeX (``$…$``) is an error: the site renders no math, readers would see the source.
- Editorial standards that do not break a page (1-4 tags, related questions with zh and
  en notes, a zh title of at most 60 characters) are warnings: ``kb check --strict`` fails on them.
- ASCII punctuation in Chinese prose (``显存,梯度``, ``"门"``) is a warning naming the full-width mark to
  use; the rule for what counts as Chinese prose is in ``kb.checks.punctuation``.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator


from kb.checks.memo import CheckMemo, found
from kb.content.errors import DRAFT, ContentError, field_path
from kb.langs import LANGS
from kb.content.loader import Content
from kb.content.schema import Question
from kb.checks.punctuation import ascii_marks
from kb.checks.similar import Match, Names, near_duplicates
from kb.content.yamlio import Document
from kb.render.markdown import MAX_ISSUES, LineIndex, fences

TODO_MARK = "TODO"
MAX_ZH_TITLE = 60  # characters; English titles may use the schema's TITLE_MAX
MAX_TAGS = 4  # tags of a question (at least 1): fewer or more is a warning; kb new refuses more
_TODO_LINE = re.compile(rf"^[ \t]*{TODO_MARK}\b.*$", re.M)
DRAFT_MESSAGE = "placeholder left by `kb new` or `kb import`"


def check(content: Content, memo: CheckMemo | None = None) -> list[ContentError]:
    errors: list[ContentError] = []
    for q in content.questions:
        path = content.paths[q.id]
        doc = content.lines.get(path)
        errors.extend(found(memo, "editorial", q, path, lambda: _question(q, path, doc)))
    errors.extend(duplicates(content))
    for kind, texts in _list_zh_texts(content):
        path = content.files.get(kind, f"content/{kind}.yml")
        errors.extend(punctuation(path, content.lines.get(path), texts))
    return errors


def _question(q: Question, path: str, doc: Document | None) -> list[ContentError]:
    """The checks that read one question and nothing else."""
    return [*placeholders(q, path, doc), *latex(q, path, doc), *standards(q, path, doc),
            *punctuation(path, doc, _zh_texts(q))]


def is_draft(error: ContentError) -> bool:
    """True for the errors that only say "not finished yet": TODO lines. ``mkdocs serve`` shows such
    drafts instead of failing, because while a build fails, serve holds every page request until the
    build succeeds."""
    return error.kind == DRAFT


def placeholders(q: Question, path: str, doc: Document | None) -> Iterator[ContentError]:
    """Every line that starts with TODO, in every text field of the question."""
    for loc, text in _texts(q):
        lines = LineIndex(text) if TODO_MARK in text else None
        for m in _TODO_LINE.finditer(text):
            offset = lines.line(m.start()) - 1
            shown = m.group(0).strip()
            shown = shown if len(shown) <= 60 else shown[:57] + "…"
            yield ContentError(path, _text_line(doc, loc, offset), field_path(loc),
                               f"{DRAFT_MESSAGE}: {shown!r}; write this part, then delete the TODO line", kind=DRAFT)


_CODE_SPAN = re.compile(r"`[^`\n]+`")
# $$…$$, or $…$ on one line around a TeX character (\ ^ _ { }), starting and ending next to a non-space.
# Each start reads up to the next "$" once (the lazy form it replaces was cubic in a long run after a "$").
_LATEX = re.compile(r"\$\$.+?\$\$|(?<![\\$])\$(?=\S)(?=[^$\n]*[\\^_{}])[^$\n]*+(?<=\S)\$", re.S)


def _without_code(text: str) -> str:
    """``text`` with fenced blocks and code spans blanked (line breaks kept), in one pass."""
    out: list[str] = []
    pos = 0
    for start, end in [*fences(text, indented=True), (len(text), len(text))]:
        out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text[pos:start]))
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        pos = end
    return "".join(out)


def latex(q: Question, path: str, doc: Document | None) -> Iterator[ContentError]:
    """TeX math is shown as raw dollars and backslashes: the site renders no math."""
    for loc, text in _texts(q):
        if loc[-1] not in ("question", "answer", "analysis") or "$" not in text:
            continue
        visible = _without_code(text)
        lines = LineIndex(text)
        found = list(_LATEX.finditer(visible))
        for m in found[:MAX_ISSUES]:
            offset = lines.line(m.start()) - 1
            yield ContentError(path, _text_line(doc, loc, offset), field_path(loc),
                               f"LaTeX {m.group(0)[:30]!r} is not rendered; write the formula in a code span "
                               "or in plain Unicode (`C ≈ 6·N·D`, O(n²))")
        if len(found) > MAX_ISSUES:  # as kb.render.markdown.lint: the rest are counted
            offset = lines.line(found[MAX_ISSUES].start()) - 1
            yield ContentError(path, _text_line(doc, loc, offset), field_path(loc),
                               f"{len(found) - MAX_ISSUES:,} more LaTeX formulas in this text from this line on, "
                               "not listed")


def standards(q: Question, path: str, doc: Document | None) -> Iterator[ContentError]:
    """The editorial standards a question can still be published without: warnings (fail --strict)."""
    at = doc.line_of if doc else (lambda loc: None)
    if not 1 <= len(q.tags) <= MAX_TAGS:
        yield ContentError(path, at(("tags",)), "tags",
                           f"{len(q.tags)} tags; use 1 to {MAX_TAGS} from content/tags.yml", "warning")
    for i, rel in enumerate(q.related):
        missing = [lang for lang in LANGS if not getattr(rel, lang)]
        if missing:
            yield ContentError(path, at(("related", i)), f"related[{i}]", f"no {' and no '.join(missing)} note; "
                               f"say in a few words how '{rel.id}' relates to this question", "warning")
    if len(q.zh.title) > MAX_ZH_TITLE:
        yield ContentError(path, at(("zh", "title")), "zh.title", f"title is {len(q.zh.title)} characters long; "
                           f"keep it to {MAX_ZH_TITLE} (the full question goes in `question`)", "warning")


def punctuation(path: str, doc: Document | None, texts: Iterable[tuple[tuple, str]]) -> Iterator[ContentError]:
    """Warnings for ASCII marks in Chinese prose (kb.checks.punctuation), one per mark or pair of marks."""
    for loc, text in texts:
        for mark in ascii_marks(text):
            offset = text.count("\n", 0, mark.start)
            yield ContentError(path, _text_line(doc, loc, offset), field_path(loc), mark.message(text), "warning")


def _zh_texts(q: Question) -> Iterator[tuple[tuple, str]]:
    """The Chinese prose of a question: its zh texts and the zh notes of its related links."""
    for name in ("title", "question", "answer", "analysis"):
        if getattr(q.zh, name):
            yield ("zh", name), getattr(q.zh, name)
    for i, alias in enumerate(q.zh.aliases):
        yield ("zh", "aliases", i), alias
    for i, rel in enumerate(q.related):
        if rel.zh:
            yield ("related", i, "zh"), rel.zh


def _list_zh_texts(content: Content) -> Iterator[tuple[str, list[tuple[tuple, str]]]]:
    """The Chinese text of the glossary, the categories and the tags, by file."""
    glossary = []
    for i, g in enumerate(content.glossary):
        glossary += [(("terms", i, "zh", "term"), g.zh.term), (("terms", i, "zh", "definition"), g.zh.definition)]
        glossary += [(("terms", i, "zh", "aliases", j), alias) for j, alias in enumerate(g.zh.aliases)]
    yield "glossary", glossary
    yield "categories", [(("categories", i, "zh", name), getattr(c.zh, name))
                         for i, c in enumerate(content.categories) for name in ("name", "description")]
    yield "tags", [(("tags", i, "zh"), t.zh) for i, t in enumerate(content.tags)]


def _texts(q: Question) -> Iterator[tuple[tuple, str]]:
    for lang in LANGS:
        loc = getattr(q, lang)
        if loc is None:
            continue
        for name in ("title", "question", "answer", "analysis"):
            value = getattr(loc, name)
            if value:
                yield (lang, name), value
        for i, alias in enumerate(loc.aliases):
            yield (lang, "aliases", i), alias
    for i, rel in enumerate(q.related):
        for lang in LANGS:
            if getattr(rel, lang):
                yield ("related", i, lang), getattr(rel, lang)
    for i, ref in enumerate(q.references):
        for name in ("title", "authors", "venue"):
            if getattr(ref, name):
                yield ("references", i, name), getattr(ref, name)


def _text_line(doc: Document | None, loc: tuple, offset: int) -> int | None:
    """The file line of line ``offset`` (0-based) of the text at ``loc`` (kb.content.yamlio)."""
    return doc.line_in_text(loc, offset + 1) if doc is not None else None


def duplicates(content: Content) -> list[ContentError]:
    """Questions that repeat another one, reported on both files, each naming the other."""
    names = [Names(q.id, lang, loc.title, loc.aliases)
             for q in content.questions for lang in LANGS if (loc := getattr(q, lang)) is not None]
    links = {(q.id, r.id) for q in content.questions for r in q.related}
    by_id = {q.id: q for q in content.questions}
    errors = []
    for m in near_duplicates(names):
        if m.kind != "same-title" and ((m.qid, m.other) in links or (m.other, m.qid) in links):
            continue  # a related link says how they relate: accepted as different questions
        path = content.paths[m.qid]
        loc: tuple = (m.lang, "title")
        if m.kind == "alias-is-title":
            aliases = getattr(by_id[m.qid], m.lang).aliases
            loc = (m.lang, "aliases", aliases.index(m.text))
        field = f"{m.lang}.title" if len(loc) == 2 else f"{m.lang}.aliases[{loc[2]}]"
        line = content.lines[path].line_of(loc) if path in content.lines else None
        errors.append(ContentError(path, line, field, _message(m, content.paths[m.other])))
    return errors


def _message(m: Match, other_path: str) -> str:
    other = f"'{m.other}' ({other_path})"
    if m.kind == "same-title":
        return f"same title as {other}; merge the two questions or make each title say what it asks"
    hint = ("merge them into one question, or, if they are different questions, make the titles say how "
            "they differ or link them in `related` (on either page) with a note on the difference")
    if m.kind == "similar-title":
        return f"repeats {other}: {m.text!r} ~ {m.other_text!r} (similarity {m.score:.2f}); {hint}"
    if m.kind == "title-is-alias":
        return f"repeats {other}, which lists {m.other_text!r} as an alias; {hint}"
    return f"alias {m.text!r} is the title of {other}: {m.other_text!r}; {hint}"
