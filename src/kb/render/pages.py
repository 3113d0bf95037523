"""Rendering: (content, link graph, language) -> Markdown pages. Pure; no file access.

Every page is a ``GeneratedPage`` whose ``path`` is relative to ``docs_dir`` and uses
static-i18n's suffix structure (``qa/x.md`` for zh, ``qa/x.en.md`` for en).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from kb.render.answer_html import GLOSSARY_URL, category_url, question_url, to_html
from kb.content.freshness import translation_state
from kb.render.labels import label
from kb.langs import DEFAULT, HTML_LANG
from kb.checks.links import LinkGraph
from kb.content.loader import Content
from kb.render.markdown import Glossary, Term, escape, first_sentence, link, link_terms
from kb.render.pagebody import Body, Heading, front_matter
from kb.content.schema import Category, Localized, Question
from kb.render.seo import plain_text



@dataclass(frozen=True, eq=False)
class GeneratedPage:
    path: str
    source: str | Body  # Markdown, or a body kb renders to HTML itself (question pages, kb.render.pagebody)

    def __eq__(self, other: object) -> bool:
        """The same page: the same path and the same Markdown (a Body renders when asked)."""
        if not isinstance(other, GeneratedPage):
            return NotImplemented
        return self.path == other.path and self.markdown == other.markdown

    __hash__ = None  # type: ignore[assignment]

    @property
    def markdown(self) -> str:
        return self.source if isinstance(self.source, str) else self.source.markdown()

    @property
    def body(self) -> Body | None:
        return None if isinstance(self.source, str) else self.source


def page_path(base: str, lang: str) -> str:
    return f"{base}.md" if lang == DEFAULT else f"{base}.{lang}.md"


def text_of(q: Question, lang: str) -> Localized:
    """The text shown in ``lang``: the translation, or the Chinese original while it is missing."""
    loc = getattr(q, lang)
    return loc if loc is not None else q.zh


_front_matter = front_matter


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.strip().split("\n"))


def _stars(level: int) -> str:
    return "★" * level + "☆" * (3 - level)


def difficulty(lang: str, level: int) -> str:
    return f"{_stars(level)} {label(lang, f'level{level}')}"


def frequency(lang: str, level: int) -> str:
    return f"{'●' * level}{'○' * (3 - level)} {label(lang, f'freq{level}')}"


def _marks(lang: str, q: Question) -> str:
    """The difficulty and frequency of a question as spans that kb.js filters category pages by."""
    return (f'<span class="kb-difficulty" data-level="{q.difficulty}">'
            f'{html.escape(difficulty(lang, q.difficulty))}</span>'
            f' <span class="kb-frequency" data-level="{q.frequency}" title="{html.escape(label(lang, "frequency"))}">'
            f"{html.escape(frequency(lang, q.frequency))}</span>")


def _filter(lang: str, key: str, n: int, levels: str, title: str) -> str:
    """A placeholder for one row of filter buttons (kb.js); ``{shown}`` in data-shown is the shown count."""
    return (f'<div class="kb-filter" data-key="{key}" data-label="{label(lang, title)}" data-all="{label(lang, "all")}"'
            f' data-shown="{label(lang, "shown_count", n=n, shown="{shown}")}"'
            + "".join(f' data-level{i}="{label(lang, f"{levels}{i}")}"' for i in (1, 2, 3)) + "></div>\n")


def _search_terms(q: Question, lang: str, tags: tuple[str, ...] = ()) -> str:
    """Words for search only (not shown): the other language's title and aliases (readers type English terms
    on Chinese pages and the reverse), the page's tag names, and names written as one word ("KV cache" ->
    "kvcache")."""
    other = text_of(q, "en" if lang == DEFAULT else DEFAULT)
    mine = text_of(q, lang)
    # Latin names of two or three words in the aliases and the Chinese title (its Latin runs are names)
    sources = (*mine.aliases, *other.aliases, text_of(q, DEFAULT).title)
    # (a name starts a word; possessive runs: a long run of letters is read once, not once per letter)
    joined = {re.sub(r"[\s-]+", "", name).lower() for text in sources
              for name in re.findall(r"(?<![A-Za-z0-9])[A-Za-z0-9]++(?:[ -][A-Za-z0-9]++){1,2}", text)
              if len(name) <= 24}
    words = "".join(f" · {html.escape(n)}" for n in (*other.aliases, *tags, *sorted(joined)))
    # weighted by how often the question is asked: a core question comes before a niche one on the same words
    weight = {1: 4, 2: 5, 3: 7}[q.frequency]
    return (f'<p class="kb-search-terms" data-pagefind-weight="{weight}"><span data-pagefind-meta="also">'
            f"{html.escape(other.title)}</span>{words}</p>\n")


def _control(kind: str, lang: str, **labels: str) -> str:
    """An empty placeholder that docs/assets/kb.js turns into a control; without JavaScript it shows nothing."""
    data = "".join(f' data-{k}="{html.escape(v)}"' for k, v in labels.items())
    return f'<div class="kb-{kind}" lang="{HTML_LANG[lang]}"{data}></div>\n'


def random_control(lang: str) -> str:
    return _control("random", lang, label=label(lang, "random"))


def terms_for(content: Content, lang: str) -> Glossary:
    """The glossary of ``lang`` as ``link_terms`` finds it in text (built once per language: kb.site.plan)."""
    return Glossary(tuple(
        Term(g.id, (getattr(g, lang).term, *getattr(g, lang).aliases), getattr(g, lang).definition)
        for g in content.glossary
    ))


def _admonition(kind: str, title: str, body_html: str) -> str:
    """The HTML Python-Markdown's admonition extension writes (Material styles it)."""
    return (f'<div class="admonition {kind}">\n<p class="admonition-title">{html.escape(title)}</p>\n'
            f"{body_html.strip()}\n</div>\n")


def _a(text: str, url: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def render_question(q: Question, lang: str, content: Content, graph: LinkGraph,
                    glossaries: dict[str, Glossary] | None = None) -> GeneratedPage:
    """A question page: Markdown headings (anchors, table of contents) around HTML blocks (kb.render.htmlblocks).

    ``glossaries``: each language's ``terms_for``, shared by every page of a build (built here when absent).

    The question, answer and analysis are rendered by ``kb.render.answer_html`` (cmark-gfm); everything
    else in the blocks is built here from escaped values.
    """
    t = text_of(q, lang)
    state = translation_state(q) if lang != DEFAULT else "fresh"
    tag_names = {tag.slug: getattr(tag, lang) for tag in content.tags}
    meta = {
        "title": t.title,
        "description": first_sentence(t.answer),
        "tags": [tag_names[s] for s in q.tags if s in tag_names],
        "kb": {"id": q.id, "kind": "question", "source": content.paths[q.id], "difficulty": q.difficulty,
               "translation": state,
               "faq": {"lang": HTML_LANG[lang if state != "missing" else DEFAULT],
                       # The direct answer (an entry's first paragraph, EDITORIAL.md), not the whole text:
                       # the whole answer doubled every page's front matter and <head> (scripts/benchmark.py).
                       "question": plain_text(t.question), "answer": plain_text(t.answer.strip().split("\n\n", 1)[0])}},
    }
    related = graph.listed(q.id)
    # data-pagefind-ignore (related questions, references, seed sources): other questions' titles, author
    # lists and file names are noise in search results (a search would find every page that links to the
    # answer) and a third of the search index.
    headings = tuple(h for h in (
        Heading(1, "question-title", t.title),
        Heading(2, "answer", label(lang, "answer")),
        Heading(2, "analysis", label(lang, "analysis")) if t.analysis else None,
        Heading(2, "related", label(lang, "related"), search_exclude=True) if related[0] else None,
        Heading(2, "references", label(lang, "references"), search_exclude=True) if q.references else None,
        Heading(2, "sources", label(lang, "sources"), search_exclude=True) if q.sources else None,
    ) if h is not None)
    parts = functools.partial(_question_parts, q, lang, content, related, state, headings, glossaries)
    body = Body(meta, headings, parts, HTML_LANG[DEFAULT] if state == "missing" else None)
    return GeneratedPage(page_path(f"qa/{q.id}", lang), body)


def _question_parts(q: Question, lang: str, content: Content, related: tuple, state: str,
                    headings: tuple[Heading, ...], glossaries: dict[str, Glossary] | None) -> tuple[Heading | str, ...]:
    t = text_of(q, lang)
    cat = next(c for c in content.categories if c.slug == q.category)
    heading = {h.id: h for h in headings}
    parts: list[Heading | str] = [heading["question-title"]]
    sep = "：" if lang == "zh" else ": "
    head = [
        # each "label: value" is one unit that never breaks inside (kb.css .kb-meta__item)
        f'<p class="kb-meta" data-pagefind-ignore>'
        f'<span class="kb-meta__item">{html.escape(label(lang, "category"))}{sep}'
        f'<a href="{html.escape(category_url(cat.slug))}" data-pagefind-meta="category">'
        f"{html.escape(getattr(cat, lang).name)}</a></span>"
        f' · <span class="kb-meta__item">{html.escape(label(lang, "difficulty"))}{sep}'
        f'<span class="kb-difficulty" data-level="{q.difficulty}">'
        f'{html.escape(difficulty(lang, q.difficulty))}</span></span>'
        f' · <span class="kb-meta__item">{html.escape(label(lang, "frequency"))}{sep}'
        f'<span class="kb-frequency" data-level="{q.frequency}" data-pagefind-meta="frequency:{q.frequency}">'
        f'{html.escape(frequency(lang, q.frequency))}</span></span></p>\n'
    ]
    if t.aliases:
        # Shown on the page so that search finds the other names readers type; weighted as the title (7),
        # and a meta field that kb-search.js ranks title and alias matches by.
        joined = ("、" if lang == "zh" or state == "missing" else ", ").join(html.escape(a) for a in t.aliases)
        head.append(f'<p class="kb-aliases" data-pagefind-weight="7">{html.escape(label(lang, "aliases"))}{sep}'
                    f'<span data-pagefind-meta="aliases">{joined}</span></p>\n')
    names = {tag.slug: getattr(tag, lang) for tag in content.tags}
    head.append(_search_terms(q, lang, tuple(names[s] for s in q.tags if s in names)))
    if state == "missing":
        head.append(_admonition("warning", label("en", "pending_title"),
                                f'<p>{html.escape(label("en", "pending_body"))}</p>'))
    elif state == "stale":
        head.append(_admonition("info", label("en", "stale_title"), f'<p>{html.escape(label("en", "stale_body"))}</p>'))
    glossary_lang = lang if getattr(q, lang) is not None else DEFAULT
    terms = (glossaries or {}).get(glossary_lang) or terms_for(content, glossary_lang)
    used: set[str] = {q.id} & terms.ids  # a page does not send readers to its own one-liner
    parts.append("".join(head) + _admonition("question", label(lang, "question"), to_html(t.question))
                 + _control("mode", lang, hide=label(lang, "toggle"), show=label(lang, "show"),
                            hidden=label(lang, "hidden")))
    parts.append(heading["answer"])
    parts.append(f'<div class="kb-answer">\n{to_html(link_terms(t.answer.strip(), terms, GLOSSARY_URL, used))}</div>')
    if "analysis" in heading:
        parts.append(heading["analysis"])
        analysis = to_html(link_terms(t.analysis.strip(), terms, GLOSSARY_URL, used))
        parts.append(f'<div class="kb-answer">\n{analysis}</div>')
    if "related" in heading:
        parts.append(heading["related"])
        listed, more = related
        items = []
        for other, rel in listed:
            note = getattr(rel, lang) or (rel.zh if lang == DEFAULT else None)
            suffix = f" {html.escape(label('en', 'untranslated'))}" if lang != DEFAULT and other.en is None else ""
            items.append(f"<li>{_a(text_of(other, lang).title, question_url(other.id))}{suffix}"
                         + (f" — {html.escape(note)}" if note else "") + "</li>\n")
        block = "<ul data-pagefind-ignore>\n" + "".join(items) + "</ul>"
        if more:
            sep = "：" if lang == "zh" else ": "
            block += ('\n<p class="kb-more-related" data-pagefind-ignore>'
                      f'{html.escape(label(lang, "more_related"))}{sep}'
                      + " · ".join(_a(text_of(other, lang).title, question_url(other.id)) for other in more) + "</p>")
        parts.append(block)
    if "references" in heading:
        parts.append(heading["references"])
        items = []
        for ref in q.references:
            who = f"{html.escape(ref.authors.rstrip('.'))}. " if ref.authors else ""
            year = f"({ref.year}). " if ref.year else ""
            venue = f" <em>{html.escape(ref.venue)}</em>." if ref.venue else ""
            items.append(f'<li>{who}{year}<a href="{html.escape(ref.url)}" rel="noopener">'
                         f'{html.escape(ref.title)}</a>.{venue}</li>\n')
        parts.append("<ol data-pagefind-ignore>\n" + "".join(items) + "</ol>")
    if "sources" in heading:
        parts.append(heading["sources"])
        parts.append(f"<div data-pagefind-ignore><p>{html.escape(label(lang, 'sources_note'))}</p>\n<p>"
                     + ", ".join(f"<code>{html.escape(s)}</code>" for s in q.sources) + "</p></div>")
    parts.append(random_control(lang))
    return tuple(parts)


def render_category(cat: Category, lang: str, content: Content) -> GeneratedPage:
    name = getattr(cat, lang)
    items = sorted((q for q in content.questions if q.category == cat.slug), key=lambda q: (q.difficulty, q.id))
    meta = {"title": name.name, "description": name.description,
            "kb": {"kind": "category", "source": "content/categories.yml"}}
    # a fixed anchor: one slugified from the name would be content in an id (``__config`` is Material's)
    out = [_front_matter(meta), f"# {escape(name.name)} {{ #category-title }}\n", f"{escape(name.description)}\n",
           f'<p class="kb-count" aria-live="polite">{label(lang, "questions_count", n=len(items))}</p>\n',
           random_control(lang)]
    out.append(_filter(lang, "difficulty", len(items), "level", "filter"))
    out.append(_filter(lang, "frequency", len(items), "freq", "filter_frequency"))
    for q in items:
        t = text_of(q, lang)
        suffix = f" {label('en', 'untranslated')}" if lang != DEFAULT and q.en is None else ""
        out.append(f"- {link(t.title, f'../qa/{q.id}.md')}{suffix} {_marks(lang, q)}")
    return GeneratedPage(page_path(f"category/{cat.slug}", lang), "\n".join(out) + "\n")


def render_home(lang: str, content: Content) -> GeneratedPage:
    meta = {"title": label(lang, "site"), "description": label(lang, "intro"), "kb": {"kind": "home"}}
    counts = {c.slug: sum(q.category == c.slug for q in content.questions) for c in content.categories}
    out = [_front_matter(meta), f"# {label(lang, 'site')}\n", label(lang, "intro") + "\n",
           label(lang, "total", n=len(content.questions), c=len(content.categories)) + "\n", random_control(lang),
           f"## {label(lang, 'browse')} {{ #categories }}\n", '<div class="grid cards" markdown>\n']
    for cat in content.categories:
        name = getattr(cat, lang)
        count = label(lang, 'questions_count', n=counts[cat.slug])
        out.append(f"-   {link(name.name, f'category/{cat.slug}.md')} · {count}\n\n"
                   f"    ---\n\n    {escape(name.description)}\n")
    out.append("</div>\n")
    out.append(f"## {label(lang, 'more')} {{ #more }}\n")
    out.append(f"- {link(label(lang, 'tags'), 'tags.md')}: {label(lang, 'tags_link')}")
    out.append(f"- {link(label(lang, 'glossary'), 'glossary.md')}: {label(lang, 'glossary_link')}")
    return GeneratedPage(page_path("index", lang), "\n".join(out).rstrip() + "\n")


def render_tags(lang: str) -> GeneratedPage:
    # Not in the search index: it repeats every question title; pages carry their tags themselves.
    meta = {"title": label(lang, "tags"), "kb": {"kind": "tags"}, "search": {"exclude": True}}
    return GeneratedPage(page_path("tags", lang),
                         _front_matter(meta) + f"# {label(lang, 'tags')}\n\n<!-- material/tags -->\n")


def render_glossary(lang: str, content: Content) -> GeneratedPage:
    other = "en" if lang == DEFAULT else DEFAULT
    meta = {"title": label(lang, "glossary"), "kb": {"kind": "glossary", "source": "content/glossary.yml"}}
    out = [_front_matter(meta), f"# {label(lang, 'glossary')}\n", label(lang, "glossary_intro") + "\n"]
    by_id = {q.id: q for q in content.questions}
    for term in sorted(content.glossary, key=lambda g: getattr(g, lang).term.lower()):
        mine, theirs = getattr(term, lang), getattr(term, other)
        out.append(f"## {escape(mine.term)} {{ #{term.id} }}\n")
        out.append(f"{escape(mine.definition)}\n")
        extra = [f"{label(lang, 'also')}{'：' if lang == 'zh' else ': '}{escape(theirs.term)}"]
        if mine.aliases:
            extra.append(("也写作：" if lang == "zh" else "Also written: ")
                         + ", ".join(escape(a) for a in mine.aliases))
        question = by_id.get(term.id)
        if question is not None:  # the question page of the same id explains the term in depth
            extra.append(("详见：" if lang == "zh" else "In depth: ")
                         + link(text_of(question, lang).title, f"qa/{question.id}.md"))
        out.append(" · ".join(extra) + "\n")
    return GeneratedPage(page_path("glossary", lang), "\n".join(out))
