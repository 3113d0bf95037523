"""Short texts stay short: names, descriptions and definitions that pages show as headings, links and
tooltips. Pure: Content in, ContentErrors out. Called from ``kb.checks.run.check``.

Their pages are Markdown that Python-Markdown converts, and it takes time quadratic in the number of
escaped characters of a text (a category description of 80,000 "{" took 4 s, of 500,000 minutes:
scripts/benchmark.py --budget). The limits are several times what today's content uses (at most 53
characters for a name, 139 for a description, 462 for a definition), far below where that shows.
"""

from __future__ import annotations

from typing import Iterator

from kb.content.errors import ContentError, field_path
from kb.content.loader import Content
from kb.langs import LANGS

NAME_MAX = 120  # a category or tag name, a glossary term or alias (the schema's TITLE_MAX for titles)
DESCRIPTION_MAX = 600  # a category description
DEFINITION_MAX = 1200  # a glossary definition (a tooltip, and a paragraph of the glossary page)


def check(content: Content) -> list[ContentError]:
    return list(_categories(content)) + list(_tags(content)) + list(_glossary(content)) + list(_aliases(content))


def _aliases(content: Content) -> Iterator[ContentError]:
    """A question's aliases: shown on its page and weighted as its title by the search index."""
    for q in content.questions:
        path = content.paths[q.id]
        for lang in LANGS:
            text = getattr(q, lang)
            for j, alias in enumerate(text.aliases if text is not None else ()):
                if len(alias) > NAME_MAX:
                    doc = content.lines.get(path)
                    loc = (lang, "aliases", j)
                    yield ContentError(path, doc.line_of(loc) if doc else None, field_path(loc),
                                       f"an alias is {len(alias):,} characters long; at most {NAME_MAX:,}")


def _too_long(content: Content, kind: str, loc: tuple, text: str, limit: int, what: str) -> Iterator[ContentError]:
    if len(text) > limit:
        path = content.files.get(kind, f"content/{kind}.yml")
        doc = content.lines.get(path)
        yield ContentError(path, doc.line_of(loc) if doc else None, field_path(loc),
                           f"{what} is {len(text):,} characters long; at most {limit:,}")


def _categories(content: Content) -> Iterator[ContentError]:
    for i, cat in enumerate(content.categories):
        for lang in LANGS:
            text = getattr(cat, lang)
            yield from _too_long(content, "categories", ("categories", i, lang, "name"), text.name, NAME_MAX,
                                 "a category name")
            yield from _too_long(content, "categories", ("categories", i, lang, "description"), text.description,
                                 DESCRIPTION_MAX, "a category description")


def _tags(content: Content) -> Iterator[ContentError]:
    for i, tag in enumerate(content.tags):
        for lang in LANGS:
            yield from _too_long(content, "tags", ("tags", i, lang), getattr(tag, lang), NAME_MAX, "a tag name")


def _glossary(content: Content) -> Iterator[ContentError]:
    for i, term in enumerate(content.glossary):
        for lang in LANGS:
            text = getattr(term, lang)
            yield from _too_long(content, "glossary", ("terms", i, lang, "term"), text.term, NAME_MAX,
                                 "a glossary term")
            yield from _too_long(content, "glossary", ("terms", i, lang, "definition"), text.definition,
                                 DEFINITION_MAX, "a definition")
            for j, alias in enumerate(text.aliases):
                yield from _too_long(content, "glossary", ("terms", i, lang, "aliases", j), alias, NAME_MAX,
                                     "an alias")
