"""Cross-file checks on loaded content. Pure: Content in, ContentErrors out."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from kb.checks import editorial, lengths, tracks
from kb.checks.memo import CheckMemo, found
from kb.checks.names import suggest, unknown_category, unknown_tag
from kb.content.errors import ContentError, field_path, quoted, shorten
from kb.content.freshness import translation_state
from kb.langs import LANGS
from kb.checks.links import MAX_SHOWN, LinkGraph, build_graph
from kb.content.loader import Content
from kb.content.schema import SLUG_MAX, SLUG_RE
from kb.content.urls import tag_anchor
from kb.content.yamlio import UNUSUAL
from kb.render.markdown import lint

_LINK_MESSAGES = {
    "dangling": "links to '{target}', which does not exist",
    "self": "links to itself",
    "duplicate": "links to '{target}' more than once",
}


def check(content: Content, memo: CheckMemo | None = None) -> tuple[LinkGraph, list[ContentError]]:
    """Every cross-file and editorial problem of ``content`` (each file's own errors come from loading it).
    ``memo``: what one question's checks found last time, reused for an unchanged question (``kb.checks.memo``)."""
    errors: list[ContentError] = []
    graph, problems = build_graph(content.questions)
    ids = {q.id for q in content.questions}
    # what an answer may link to: a question whose file failed to load is reported at that file, not at every link
    linkable = ids | set(content.unreadable)
    linkable_key = hash(frozenset(linkable))
    _unique(content, errors)
    _tag_anchors(content, errors)
    for path, doc in sorted(content.lines.items()):
        if any(map(_problem_of, doc.unusual)):  # the characters of the file's texts, before each is looked at
            _check_strings(doc.data, (), path, doc, errors)
    for q in content.questions:
        path = content.paths[q.id]
        doc = content.lines[path]
        _unknown_names(content, path, doc.line_of, q.category, q.tags, errors)
        _repeats(q.tags, "tags", "tag", path, doc.line_of, errors)
        _repeats(q.sources, "sources", "source", path, doc.line_of, errors)
        _repeats(q.syllabus, "syllabus", "syllabus id", path, doc.line_of, errors)
        errors.extend(found(memo, "texts", q, (path, linkable_key), lambda: _texts(q, path, doc, linkable)))
        _translation(q, path, doc.line_of, errors)
    _links(content, problems, ids, errors)
    _related_counts(content, graph, errors)
    _syllabus(content, errors)
    _unloaded_references(content, ids, errors)
    errors.extend(tracks.check(content))  # content/tracks.yml: known question ids, each once a track
    errors.extend(editorial.check(content, memo))  # placeholders and near-duplicate questions
    errors.extend(lengths.check(content))  # names and descriptions short enough for headings and tooltips
    if memo is not None:
        memo.finish()
    return graph, errors


def _unknown_names(content: Content, path: str, at, category: str | None, tags: list[str] | tuple[str, ...],
                   errors: list[ContentError]) -> None:
    """A category and tags that content/categories.yml and content/tags.yml do not list (unless those failed)."""
    problem = (unknown_category(category, {c.slug for c in content.categories})
               if category is not None and "categories" not in content.failed else None)
    if problem:
        errors.append(ContentError(path, at(("category",)), "category", problem))
    known = {t.slug for t in content.tags}
    for i, tag in enumerate(tags):
        problem = unknown_tag(tag, known) if tag is not None and "tags" not in content.failed else None
        if problem:
            errors.append(ContentError(path, at(("tags", i)), f"tags[{i}]", problem))


def _texts(q, path: str, doc, ids: set[str]) -> list[ContentError]:
    """The Markdown of the question, answer and analysis in each language (kb.render.markdown.lint)."""
    errors: list[ContentError] = []
    for lang in LANGS:
        loc = getattr(q, lang)
        for name in ("question", "answer", "analysis") if loc is not None else ():
            for issue in lint(getattr(loc, name) or "", ids):
                errors.append(ContentError(path, doc.line_in_text((lang, name), issue.line), f"{lang}.{name}",
                                           issue.message))
    return errors


def _translation(q, path: str, at, errors: list[ContentError]) -> None:
    """Warnings for an English text that is missing, older than the Chinese, or not stamped."""
    state = translation_state(q)
    if state == "missing":
        errors.append(ContentError(path, None, "en", "not translated yet (the English page shows the Chinese text)",
                                   "warning"))
    elif state == "stale":
        errors.append(ContentError(path, at(("en", "translated_from")), "en.translated_from",
                                   f"the Chinese text changed since this translation; update en, then run "
                                   f"`kb stamp {q.id}`", "warning"))
    elif state == "unstamped":
        errors.append(ContentError(path, at(("en",)), "en.translated_from",
                                   f"missing; run `kb stamp {q.id}` once the translation matches the Chinese",
                                   "warning"))


def _links(content: Content, problems, ids: set[str], errors: list[ContentError]) -> None:
    """Related links to a missing question, to the page itself, or twice to the same page."""
    for p in problems:
        if p.target in content.unreadable:
            continue  # the target's own file is reported already
        path = content.paths[p.source]
        msg = _LINK_MESSAGES[p.kind].format(target=p.target, source=p.source)
        if p.kind == "dangling":
            msg += suggest(p.target, ids)
        errors.append(ContentError(path, content.lines[path].line_of(("related", p.index)), f"related[{p.index}]", msg))


def _unloaded_references(content: Content, ids: set[str], errors: list[ContentError]) -> None:
    """A question file that failed its schema still names a category, tags and related ids: report the
    unknown ones with the schema's errors, so that one run shows everything to fix in the file. Only values
    of the shape the schema expects are looked at (a malformed one has its schema error already)."""
    linkable = ids | set(content.unreadable)  # a link to a file that failed is reported at that file

    def slug(value) -> str | None:  # too long: the schema's error says so, without echoing it
        return value if isinstance(value, str) and len(value) <= SLUG_MAX and re.fullmatch(SLUG_RE, value) else None

    for path, doc in sorted(content.lines.items()):
        where = Path(path)
        if where.parent.name != "qa" or where.stem not in content.unreadable or not isinstance(doc.data, dict):
            continue
        data = doc.data
        tags = data.get("tags") if isinstance(data.get("tags"), list) else []
        _unknown_names(content, path, doc.line_of, slug(data.get("category")), [slug(t) for t in tags], errors)
        for i, link in enumerate(data.get("related") if isinstance(data.get("related"), list) else ()):
            target = slug(link.get("id") if isinstance(link, dict) else link)  # `- id: x` or the short `- x`
            if target is not None and target not in linkable:
                errors.append(ContentError(path, doc.line_of(("related", i)), f"related[{i}]",
                                           _LINK_MESSAGES["dangling"].format(target=target) + suggest(target, ids)))


def _related_counts(content: Content, graph: LinkGraph, errors: list[ContentError]) -> None:
    """A page shows its own links and the reverse ones: warn when it shows fewer than 2, or when its own
    links alone are more than MAX_SHOWN (reverse links past that are listed by title only)."""
    for q in content.questions:
        shown = graph.related(q.id)
        own = len(graph.outgoing.get(q.id, ()))
        if len(shown) < 2:
            path = content.paths[q.id]
            errors.append(ContentError(
                path, content.lines[path].line_of(("related",)), "related",
                f"the page shows {len(shown)} related questions; link at least 2 (here or from the other page), "
                "each with a zh and an en note on how they relate", "warning"))
        elif own > MAX_SHOWN:
            path = content.paths[q.id]
            errors.append(ContentError(
                path, content.lines[path].line_of(("related",)), "related",
                f"{own} related questions; expected at most {MAX_SHOWN}: keep the links that say most", "warning"))


def _syllabus(content: Content, errors: list[ContentError]) -> None:
    """Every syllabus id a question names exists, and each canonical question has one home page."""
    if "syllabus" in content.failed:
        return  # its own errors are reported already
    known = {q.id for area in content.syllabus for q in area.questions}
    home: dict[str, str] = {}
    for q in content.questions:
        path = content.paths[q.id]
        for i, sid in enumerate(q.syllabus):
            at = functools.partial(content.lines[path].line_of, ("syllabus", i))  # only for an error: parses the file
            if sid not in known:
                errors.append(ContentError(path, at(), f"syllabus[{i}]",
                                           f"unknown syllabus id '{sid}'{suggest(sid, known)}; "
                                           "expected an id listed in "
                                           f"{content.files.get('syllabus', 'content/syllabus.yml')}"))
            elif sid in home and home[sid] != q.id:
                errors.append(ContentError(path, at(), f"syllabus[{i}]",
                                           f"'{sid}' is already the subject of {content.paths[home[sid]]}; "
                                           "a canonical question has one home page (name it in that page's aliases "
                                           "or link the two pages instead)"))
            else:
                home.setdefault(sid, q.id)


def _tag_anchors(content: Content, errors: list[ContentError]) -> None:
    """Each tag's name in a language has an anchor of its own on the tags page (kb.content.urls.tag_anchor): a
    question page links its tags there by name, so "C++" and "C" (both #tag:c) would lead to the same entry."""
    path = content.files.get("tags", "content/tags.yml")
    doc = content.lines.get(path)
    for lang in LANGS:
        first: dict[str, int] = {}
        for i, tag in enumerate(content.tags):
            name = getattr(tag, lang)
            anchor = tag_anchor(name)
            line = doc.line_of(("tags", i, lang)) if doc else None
            if anchor == "tag:":
                errors.append(ContentError(path, line, f"tags[{i}].{lang}",
                                           f"{quoted(name)} has no letter or digit, so no anchor on the tags page; "
                                           "name the tag with words"))
            elif anchor in first:
                j = first[anchor]
                errors.append(ContentError(path, line, f"tags[{i}].{lang}",
                                           f"{quoted(name)} has the same anchor on the tags page as tags[{j}].{lang} "
                                           f"{quoted(getattr(content.tags[j], lang))} (#{shorten(anchor)}): links to "
                                           "either tag would lead to the first; make the names differ in letters "
                                           "or digits"))
            else:
                first[anchor] = i


def _unique(content: Content, errors: list[ContentError]) -> None:
    """Slugs and ids of categories, tags and glossary terms are unique within their file."""
    for kind, items, top, key in (("categories", content.categories, "categories", "slug"),
                                  ("tags", content.tags, "tags", "slug"),
                                  ("glossary", content.glossary, "terms", "id")):
        path = content.files.get(kind, f"content/{kind}.yml")
        doc = content.lines.get(path)
        raw = doc.data.get(top) if doc is not None and isinstance(doc.data, dict) else None
        values = [item.get(key) if isinstance(item, dict) else None for item in (raw if isinstance(raw, list) else ())]
        first: dict[str, int] = {}
        for i, value in enumerate(values):
            if not isinstance(value, str):
                continue
            if value in first:
                where = f"{top}[{first[value]}]"
                line = doc.line_of((top, i, key)) if doc else None
                errors.append(ContentError(path, line, f"{top}[{i}].{key}",
                                           f"'{value}' is listed twice (also {where}); each {key} once"))
            else:
                first[value] = i


def _repeats(values: tuple[str, ...], field: str, noun: str, path: str, at, errors: list[ContentError]) -> None:
    first: dict[str, int] = {}
    for i, value in enumerate(values):
        if value in first:
            errors.append(ContentError(path, at((field, i)), f"{field}[{i}]",
                                       f"{noun} {quoted(value)} is listed twice (also {field}[{first[value]}])"))
        else:
            first[value] = i


# Characters that look like ordinary ones but are different code points: search, sorting and
# de-duplication then treat equal-looking text as different.
_LOOKALIKE_BLOCKS = ("CJK COMPATIBILITY", "KANGXI RADICAL", "CJK RADICAL")
_CONTROL_NAMES = {"\x1b": "escape", "\r": "carriage return", "\x08": "backspace", "\x7f": "delete",
                  "\x0b": "vertical tab", "\x0c": "form feed", "\x07": "bell", "\x85": "next line"}
_ALLOWED_FORMAT = {"\u200c", "\u200d"}  # zero-width (non-)joiners shape emoji and some scripts


def _check_strings(data: object, loc: tuple, path: str, doc, errors: list[ContentError]) -> None:
    """Every text of every file, keys included, as parsed (a character written as a YAML escape, ``"\\u202e"``,
    is the character): no invisible characters, no look-alike compatibility characters. Without recursion
    (a file may nest up to kb.content.yamlio.MAX_DEPTH levels)."""
    stack = [(data, loc)]
    while stack:
        value, loc = stack.pop()
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and _has_problem_character(k):
                    for problem in _character_problems(k):
                        errors.append(ContentError(path, doc.line_of(loc + (k,)), field_path(loc + (k,)),
                                                   f"in the key: {problem}"))
            stack.extend((v, loc + (k,)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, loc + (i,)) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str) and _has_problem_character(value):
            # Most text has no unusual character, and the unusual ones are mostly fine (—, ≈, ²): look
            # at the lines only when the text has a character that is a problem.
            field = field_path(loc)
            for n, line_text in enumerate(value.split("\n"), 1):
                for problem in _character_problems(line_text):
                    errors.append(ContentError(path, doc.line_in_text(loc, n), field, problem))


_UNUSUAL = UNUSUAL  # kb.content.yamlio: the characters worth looking up


def _has_problem_character(text: str) -> bool:
    return any(map(_problem_of, set(_UNUSUAL.findall(text))))


def _character_problems(text: str) -> list[str]:
    # each distinct character once
    return [p for p in map(_problem_of, dict.fromkeys(_UNUSUAL.findall(text))) if p]


@functools.lru_cache(maxsize=4096)
def _problem_of(ch: str) -> str | None:
    name = unicodedata.name(ch, "")
    if name.startswith(_LOOKALIKE_BLOCKS):
        norm = unicodedata.normalize("NFKC", ch)
        kind = ("CJK compatibility character" if "COMPATIBILITY" in name
                else name.split(" RADICAL")[0].title() + " radical")
        fix = f"use {norm!r} (U+{ord(norm):04X})" if norm != ch else "write the ordinary character"
        return f"{kind} {ch!r} (U+{ord(ch):04X}); {fix}"
    if (unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}
            and ch not in "\t\n" and ch not in _ALLOWED_FORMAT):
        if unicodedata.category(ch) == "Cc":  # no Unicode name: ESC, CR, DEL, …
            return f"control character U+{ord(ch):04X} ({_CONTROL_NAMES.get(ch, 'control')}); remove it"
        label = name or unicodedata.category(ch)
        return f"invisible character U+{ord(ch):04X} ({label.lower()}); remove it"
    return None
