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
    return [*_named(content), *_tags(content), *_glossary_aliases(content), *_aliases(content)]


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


# The texts of each named file's entries: (file kind, the entries in Content, their key in the file, and for each
# field: its limit and what the message calls it).
_FIELDS = (
    ("categories", "categories", "categories", (("name", NAME_MAX, "a category name"),
                                                ("description", DESCRIPTION_MAX, "a category description"))),
    ("glossary", "glossary", "terms", (("term", NAME_MAX, "a glossary term"),
                                       ("definition", DEFINITION_MAX, "a definition"))),
)


def _named(content: Content) -> Iterator[ContentError]:
    """The names, descriptions, terms and definitions of content/categories.yml and content/glossary.yml."""
    for kind, entries, key, fields in _FIELDS:
        for i, entry in enumerate(getattr(content, entries)):
            for lang in LANGS:
                text = getattr(entry, lang)
                for name, limit, what in fields:
                    yield from _too_long(content, kind, (key, i, lang, name), getattr(text, name), limit, what)


def _tags(content: Content) -> Iterator[ContentError]:
    for i, tag in enumerate(content.tags):
        for lang in LANGS:
            yield from _too_long(content, "tags", ("tags", i, lang), getattr(tag, lang), NAME_MAX, "a tag name")


def _glossary_aliases(content: Content) -> Iterator[ContentError]:
    for i, term in enumerate(content.glossary):
        for lang in LANGS:
            for j, alias in enumerate(getattr(term, lang).aliases):
                yield from _too_long(content, "glossary", ("terms", i, lang, "aliases", j), alias, NAME_MAX,
                                     "an alias")
