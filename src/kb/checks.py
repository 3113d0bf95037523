"""Cross-file checks on loaded content. Pure: Content in, ContentErrors out."""

from __future__ import annotations

import unicodedata

from kb.errors import ContentError
from kb.freshness import translation_state
from kb.langs import LANGS
from kb.links import LinkGraph, build_graph
from kb.loader import Content
from kb.markdown import lint

_LINK_MESSAGES = {
    "dangling": "links to '{target}', which does not exist",
    "self": "links to itself",
    "duplicate": "links to '{target}' more than once",
    "one-way": "links to '{target}', but '{target}' does not link back; add '{source}' to its related list",
}


def check(content: Content) -> tuple[LinkGraph, list[ContentError]]:
    errors: list[ContentError] = []
    graph, problems = build_graph(content.questions)
    cats = {c.slug for c in content.categories}
    tags = {t.slug for t in content.tags}
    ids = {q.id for q in content.questions}
    _unique(content, errors)
    for q in content.questions:
        path = content.paths[q.id]
        doc = content.lines[path]
        at = doc.line_of
        if q.category not in cats:
            errors.append(ContentError(path, at(("category",)), "category", f"unknown category '{q.category}'; expected one of: {', '.join(sorted(cats))}"))
        for i, tag in enumerate(q.tags):
            if tag not in tags:
                errors.append(ContentError(path, at(("tags", i)), f"tags[{i}]", f"unknown tag '{tag}'; add it to content/tags.yml or use one listed there"))
        for lang in LANGS:
            loc = getattr(q, lang)
            if loc is None:
                continue
            for name in ("title", "question"):
                _check_characters(getattr(loc, name), path, at((lang, name)), f"{lang}.{name}", errors)
            for name in ("answer", "analysis"):
                text = getattr(loc, name)
                if not text:
                    continue
                base = at((lang, name)) or 0
                for issue in lint(text, ids):
                    # block scalars start on the line after the key
                    errors.append(ContentError(path, base + issue.line, f"{lang}.{name}", issue.message))
        state = translation_state(q)
        if state == "missing":
            errors.append(ContentError(path, None, "en", "not translated yet (the English page shows the Chinese text)", "warning"))
        elif state == "stale":
            errors.append(ContentError(path, at(("en", "translated_from")), "en.translated_from", "the Chinese text changed since this translation; update en, then run `kb stamp " + q.id + "`", "warning"))
        elif state == "unstamped":
            errors.append(ContentError(path, at(("en",)), "en.translated_from", "missing; run `kb stamp " + q.id + "` once the translation matches the Chinese", "warning"))
    for p in problems:
        if p.target in content.unreadable:
            continue  # the target's own file is reported already
        path = content.paths[p.source]
        msg = _LINK_MESSAGES[p.kind].format(target=p.target, source=p.source)
        errors.append(ContentError(path, content.lines[path].line_of(("related", p.index)), f"related[{p.index}]", msg))
    return graph, errors


def _unique(content: Content, errors: list[ContentError]) -> None:
    seen: dict[str, str] = {}
    for c in content.categories:
        if c.slug in seen:
            errors.append(ContentError("content/categories.yml", None, "slug", f"duplicate category '{c.slug}'"))
        seen[c.slug] = "category"
    seen = {}
    for t in content.tags:
        if t.slug in seen:
            errors.append(ContentError("content/tags.yml", None, "slug", f"duplicate tag '{t.slug}'"))
        seen[t.slug] = "tag"
    seen = {}
    for g in content.glossary:
        if g.id in seen:
            errors.append(ContentError("content/glossary.yml", None, "id", f"duplicate glossary term '{g.id}'"))
        seen[g.id] = "term"


def _check_characters(text: str, path: str, line: int | None, field: str, errors: list[ContentError]) -> None:
    """Titles are what readers search for: no invisible or compatibility characters."""
    for ch in text:
        name = unicodedata.name(ch, "")
        if "CJK COMPATIBILITY" in name:
            norm = unicodedata.normalize("NFKC", ch)
            errors.append(ContentError(path, line, field, f"CJK compatibility character {ch!r} (U+{ord(ch):04X}); use {norm!r} (U+{ord(norm):04X})"))
        elif unicodedata.category(ch) in {"Cc", "Cf"} and ch not in "\n\t":
            errors.append(ContentError(path, line, field, f"invisible control character U+{ord(ch):04X}; remove it"))
