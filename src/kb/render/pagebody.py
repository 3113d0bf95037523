"""A page that kb renders itself: headings and HTML blocks, as Markdown or as HTML. Pure.

A question page is front matter, headings (anchors and the table of contents) and blocks of HTML that
``kb.render.pages`` builds from escaped values and cmark-gfm's output (``kb.render.answer_html``). Written as
Markdown (``markdown``), the blocks pass through any Markdown engine (``kb.render.htmlblocks``): that is the
file a ``--dirty`` build puts in docs/. A build does not need Python-Markdown for it: ``html`` and
``toc_tokens`` are what MkDocs' Markdown (toc with permalinks, attr_list, md_in_html) makes of that
Markdown, byte for byte (tests/test_prerender.py builds the site both ways), and ``meta`` is its front
matter, so MkDocs does not parse YAML for it either (``kb.mkdocs.glue.install_page_reading``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

import yaml
from markdown.extensions.toc import nest_toc_tokens

from kb.render.htmlblocks import block
from kb.render.markdown import escape

# The title Python-Markdown's toc extension gives every heading's "¶" link, in English on every page.
_PERMALINK = re.compile(r'(<a class="headerlink" href="#[^"<>]*") title="Permanent link">')


def localize_permalinks(page_html: str, title: str) -> str:
    """The heading links of a written page titled in the page's language (``kb.render.labels``: permalink)."""
    return _PERMALINK.sub(lambda m: f'{m.group(1)} title="{html.escape(title)}">', page_html)


# libyaml's emitter: the same text as yaml.safe_dump, 10x faster (front matter holds whole answers).
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict) -> str:
    return "---\n" + yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


@dataclass(frozen=True)
class Heading:
    level: int
    id: str  # fixed anchor (``{ #id }``)
    text: str  # plain text, not Markdown
    search_exclude: bool = False  # the search index leaves out this heading (kb.render.pages marks its section too)

    def markdown(self) -> str:
        attrs = f"#{self.id}" + (" data-pagefind-ignore" if self.search_exclude else "")
        return f"{'#' * self.level} {escape(self.text)} {{ {attrs} }}\n"

    def name(self) -> str:
        """The heading's text as HTML (what the toc extension calls its name)."""
        return html.escape(self.text.replace("\n", " ").strip(), quote=False)

    def html(self) -> str:
        # data-pagefind-ignore="": as the sanitiser writes it (kb.render.safety), so both ways make the same page
        attrs = ' data-pagefind-ignore=""' if self.search_exclude else ""
        tag = f"h{self.level}"
        return (f'<{tag}{attrs} id="{self.id}">{self.name()}'
                f'<a class="headerlink" href="#{self.id}" title="Permanent link">¶</a></{tag}>')


@dataclass(frozen=True)
class Body:
    """Front matter (``meta``), the headings, and ``render``: the page's parts in order, each a ``Heading``
    (those of ``headings``) or a block of HTML (str).

    The parts are rendered when asked for (``markdown``, ``html``): MkDocs reads every page of a build
    before it writes the first, and a page's HTML is wanted only when it is written
    (``kb.mkdocs.glue.fill_prerendered``); the front matter and the table of contents are wanted at once.
    ``lang``: the parts are in another language than the page (an untranslated question shows the
    Chinese text) and are wrapped in ``<div lang="...">``.
    """

    meta: dict
    headings: tuple[Heading, ...]
    render: Callable[[], tuple[Heading | str, ...]]
    lang: str | None = None

    def parts(self) -> tuple[Heading | str, ...]:
        parts = self.render()
        if tuple(p for p in parts if isinstance(p, Heading)) != self.headings:
            raise ValueError(f"{self.meta.get('title')!r}: the rendered headings are not the page's headings")
        return parts

    def markdown(self) -> str:
        parts = self.parts()
        first, rest = parts[0], parts[1:]
        text = "\n".join(p.markdown() if isinstance(p, Heading) else block(p) for p in rest)
        if self.lang:
            text = f'<div lang="{self.lang}" markdown>\n\n{text}\n</div>\n'
        head = first.markdown() if isinstance(first, Heading) else block(first)
        return "\n".join((front_matter(self.meta), head, text))

    def html(self) -> str:
        """The page's HTML as MkDocs' Markdown would convert ``markdown`` (without the front matter)."""
        parts = self.parts()
        first, rest = parts[0], parts[1:]
        text = "\n".join(p.html() if isinstance(p, Heading) else p.strip() for p in rest)
        if self.lang:
            text = f'<div lang="{self.lang}">\n{text}\n</div>'
        return (first.html() if isinstance(first, Heading) else first.strip()) + "\n" + text

    def toc_tokens(self) -> list[dict]:
        """The toc extension's tokens: nested by level."""
        return nest_toc_tokens([{"level": h.level, "id": h.id, "name": h.name(), "html": h.name(),
                                 "data-toc-label": ""} for h in self.headings])
