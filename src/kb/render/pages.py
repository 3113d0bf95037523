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
from kb.render.collation import initial, sort_key
from kb.render.labels import label
from kb.langs import DEFAULT, HTML_LANG
from kb.checks.links import LinkGraph
from kb.content.loader import Content
from kb.render.markdown import Glossary, Term, escape, first_sentence, link, link_terms
from kb.render.navigation import Neighbours, Step, category_order
from kb.render.pagebody import Body, Heading, front_matter
from kb.content.urls import TRACK_PARAM, print_category, track_page, tracks_index
from kb.content.schema import Category, Localized, Question
from kb.content.urls import GLOSSARY, HOME, TAGS, category_page, question_page, tag_anchor
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
    """The file of page ``base`` (a name of kb.content.urls: ``index``, ``qa/<id>``) in ``lang``."""
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


def level_mark(kind: str, lang: str, level: int, attrs: str = "") -> str:
    """A question's difficulty or frequency (``kind``) as the span kb.js filters by: ``.kb-<kind>[data-level]``.
    ``attrs``: more attributes, written as they are (already escaped)."""
    text = difficulty(lang, level) if kind == "difficulty" else frequency(lang, level)
    return f'<span class="kb-{kind}" data-level="{level}"{attrs}>{html.escape(text)}</span>'


def _marks(lang: str, q: Question) -> str:
    """The difficulty and frequency of a question as spans that kb.js filters category pages by."""
    named = f' title="{html.escape(label(lang, "frequency"))}"'
    return f'{level_mark("difficulty", lang, q.difficulty)} {level_mark("frequency", lang, q.frequency, named)}'


def _filter(lang: str, key: str, n: int, options: list[tuple[str, str]], title: str) -> str:
    """One row of filter buttons, written into the page so that it takes its room from the first paint (kb.js binds
    them; kb.css shows the row only when scripts run: kb-head.js's ``kb-js``).

    ``data-key``: what the row filters by (a list item's ``data-<key>``, or the ``data-level`` of its
    ``.kb-<key>`` mark; a value of several words matches each of them); each button's ``data-value`` (the first:
    "" for all); ``{shown}`` in ``data-shown`` is the number of questions shown.
    """
    name = f"kb-filter-label-{key}"
    buttons = "".join(f' <button type="button" class="md-button kb-filter__button" data-value="{html.escape(value)}">'
                      f"{html.escape(text)}</button>" for value, text in [("", label(lang, "all")), *options])
    return (f'<div class="kb-filter" data-key="{key}" role="group" aria-labelledby="{name}"'
            f' data-shown="{html.escape(label(lang, "shown_count", n=n, shown="{shown}"))}">'
            f'<span class="kb-filter__label" id="{name}">{html.escape(label(lang, title))}</span>{buttons}</div>\n')


def _level_filter(lang: str, key: str, n: int, levels: str, title: str) -> str:
    return _filter(lang, key, n, [(str(i), label(lang, f"{levels}{i}")) for i in (1, 2, 3)], title)


PROGRESS = ("new", "learning", "known", "due")  # the statuses kb-study.js gives a list item (data-progress)


def progress_filter(lang: str, n: int) -> str:
    """The progress row: kb-study.js sets each item's ``data-progress`` ("learning due") from the reader's progress."""
    return _filter(lang, "progress", n, [(s, label(lang, f"progress_{s}")) for s in PROGRESS], "filter_progress")


def progress_summary(scope: str) -> str:
    """Where kb-study.js writes the progress of the list ``data-kb-progress="<scope>"`` (counts and a bar); its
    height is kept free before the script runs (kb-study.css), so nothing below it moves."""
    return f'<div class="kb-progress" data-kb-for="{html.escape(scope)}" data-pagefind-ignore></div>\n'


def study_links(lang: str, kind: str, slug: str) -> str:
    """Practice and a mock interview drawing from this track or category (kb-practice.js reads ?track=, ?category=)."""
    query = f"?{kind}={slug}"
    return (f'<p class="kb-study-links">{_a(label(lang, f"practise_{kind}"), f"../../practice/{query}")}'
            f' · {_a(label(lang, "mock_from_here"), f"../../mock/{query}")}</p>\n')


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


def random_control(lang: str, source: str = "") -> str:
    """The "random question" button: from the language's list, or from ``source``: "list" (the filtered
    question list of this page) or the address of a category page (its questions)."""
    return _control("random", lang, label=label(lang, "random"), **({"source": source} if source else {}))


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


def _reveal(lang: str, part: str) -> str:
    """The words of the button that hides or shows one part of the answer (kb.js)."""
    return (f' data-show="{html.escape(label(lang, f"show_{part}"))}"'
            f' data-hide="{html.escape(label(lang, f"hide_{part}"))}"')


def _a(text: str, url: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def tag_names(content: Content, lang: str) -> dict[str, str]:
    """Each tag's name in ``lang``, by slug: built once per language of a build and shared by its pages."""
    return {tag.slug: getattr(tag, lang) for tag in content.tags}


def render_question(q: Question, lang: str, content: Content, graph: LinkGraph,
                    glossaries: dict[str, Glossary] | None = None,
                    neighbours: Neighbours | None = None, names: dict[str, str] | None = None) -> GeneratedPage:
    """A question page: Markdown headings (anchors, table of contents) around HTML blocks (kb.render.htmlblocks).

    ``glossaries``: each language's ``terms_for``, shared by every page of a build (built here when absent).
    ``neighbours``: the previous and next questions of every category and track (kb.render.navigation), once
    per build (computed here when absent). ``names``: ``tag_names(content, lang)``, once per language of a build
    (built here when absent).

    The question, answer and analysis are rendered by ``kb.render.answer_html`` (cmark-gfm); everything
    else in the blocks is built here from escaped values.
    """
    t = text_of(q, lang)
    state = translation_state(q) if lang != DEFAULT else "fresh"
    names = names if names is not None else tag_names(content, lang)
    meta = {
        "title": t.title,
        "description": first_sentence(t.answer),
        "tags": [names[s] for s in q.tags if s in names],
        "kb": {"id": q.id, "kind": "question", "source": content.paths[q.id], "difficulty": q.difficulty,
               "translation": state,
               "faq": {"lang": HTML_LANG[lang if state != "missing" else DEFAULT],
                       # The direct answer (an entry's first paragraph, EDITORIAL.md), not the whole text:
                       # the whole answer doubled every page's front matter and <head> (scripts/benchmark.py).
                       "question": plain_text(t.question), "answer": plain_text(t.answer.strip().split("\n\n", 1)[0])}},
    }
    related = graph.listed(q.id)
    # data-pagefind-ignore (related questions, references, provenance): other questions' titles, author
    # lists and the provenance line are noise in search results (a search would find every page that links to the
    # answer) and a third of the search index.
    headings = tuple(h for h in (
        Heading(1, "question-title", t.title),
        Heading(2, "answer", label(lang, "answer")),
        Heading(2, "analysis", label(lang, "analysis")) if t.analysis else None,
        Heading(2, "related", label(lang, "related"), search_exclude=True) if related[0] else None,
        Heading(2, "references", label(lang, "references"), search_exclude=True) if q.references else None,
    ) if h is not None)
    parts = functools.partial(_question_parts, q, lang, content, related, state, headings, glossaries,
                              neighbours, names)
    body = Body(meta, headings, parts, HTML_LANG[DEFAULT] if state == "missing" else None)
    return GeneratedPage(page_path(question_page(q.id), lang), body)


def _question_parts(q: Question, lang: str, content: Content, related: tuple, state: str,
                    headings: tuple[Heading, ...], glossaries: dict[str, Glossary] | None,
                    neighbours: Neighbours | None, names: dict[str, str]) -> tuple[Heading | str, ...]:
    t = text_of(q, lang)
    cat = next(c for c in content.categories if c.slug == q.category)
    heading = {h.id: h for h in headings}
    parts: list[Heading | str] = [breadcrumb(q, cat, lang), heading["question-title"]]
    sep = "：" if lang == "zh" else ": "
    searchable = f' data-pagefind-meta="frequency:{q.frequency}"'
    head = [
        # each "label: value" is one unit that never breaks inside (kb.css .kb-meta__item)
        f'<p class="kb-meta" data-pagefind-ignore>'
        f'<span class="kb-meta__item">{html.escape(label(lang, "category"))}{sep}'
        f'<a href="{html.escape(category_url(cat.slug))}" data-pagefind-meta="category">'
        f"{html.escape(getattr(cat, lang).name)}</a></span>"
        f' · <span class="kb-meta__item">{html.escape(label(lang, "difficulty"))}{sep}'
        f'{level_mark("difficulty", lang, q.difficulty)}</span>'
        f' · <span class="kb-meta__item">{html.escape(label(lang, "frequency"))}{sep}'
        f'{level_mark("frequency", lang, q.frequency, searchable)}</span></p>\n'
    ]
    if t.aliases:
        # Shown on the page so that search finds the other names readers type; weighted as the title (7),
        # and a meta field that kb-search.js ranks title and alias matches by.
        joined = ("、" if lang == "zh" or state == "missing" else ", ").join(html.escape(a) for a in t.aliases)
        # kb-spoiler: the other names can give the answer away; interview mode hides them (kb.css)
        head.append(f'<p class="kb-aliases kb-spoiler" data-pagefind-weight="7">'
                    f'{html.escape(label(lang, "aliases"))}{sep}'
                    f'<span data-pagefind-meta="aliases">{joined}</span></p>\n')
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
                            hidden=label(lang, "hidden"))
                 # the reader's progress on this question (docs/assets/kb-study.js); nothing without JavaScript
                 + f'<div class="kb-study-status" data-kb-qid="{html.escape(q.id)}" data-pagefind-ignore></div>\n')
    parts.append(heading["answer"])
    parts.append(f'<div class="kb-answer"{_reveal(lang, "answer")}>\n'
                 f'{to_html(link_terms(t.answer.strip(), terms, GLOSSARY_URL, used))}</div>')
    if "analysis" in heading:
        parts.append(heading["analysis"])
        analysis = to_html(link_terms(t.analysis.strip(), terms, GLOSSARY_URL, used))
        parts.append(f'<div class="kb-answer"{_reveal(lang, "analysis")}>\n{analysis}</div>')
    if "related" in heading:
        parts.append(heading["related"])
        listed, more = related
        items = []
        for other, rel in listed:
            note = getattr(rel, lang) or (rel.zh if lang == DEFAULT else None)
            suffix = f" {html.escape(label('en', 'untranslated'))}" if lang != DEFAULT and other.en is None else ""
            items.append(f"<li>{_a(text_of(other, lang).title, question_url(other.id))}{suffix}"
                         + (f'<span class="kb-spoiler"> — {html.escape(note)}</span>' if note else "") + "</li>\n")
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
    if q.sources:
        # Provenance in words: the seed entries (`sources`, "<file>#<n>") are for maintainers (kb import,
        # the edit link opens the YAML); their file names mean nothing to a reader and are not published.
        parts.append(f'<p id="sources" class="kb-provenance" data-pagefind-ignore>'
                     f'{html.escape(label(lang, "provenance", n=len(q.sources)))}</p>')
    parts.append(question_nav(q, cat, lang, neighbours if neighbours is not None else Neighbours.of(content)))
    parts.append(random_control(lang, category_url(cat.slug)))
    return tuple(parts)


def breadcrumb(q: Question, cat: Category, lang: str) -> str:
    """Home › category › this question, as a navigation landmark (links relative to qa/<id>/)."""
    return (f'<nav class="kb-breadcrumb" aria-label="{html.escape(label(lang, "breadcrumb"))}" data-pagefind-ignore>'
            f'<ol><li><a href="../../">{html.escape(label(lang, "home"))}</a></li>'
            f'<li>{_a(getattr(cat, lang).name, category_url(cat.slug))}</li>'
            f'<li aria-current="page">{html.escape(text_of(q, lang).title)}</li></ol></nav>\n')


def _pager(lang: str, step: Step, query: str, attrs: str, aria: str, caption: str = "") -> str:
    """Links to the previous and next question of a sequence (``query`` is added to both)."""
    links = []
    for kind, other in (("prev", step.prev), ("next", step.next)):
        if other is None:
            links.append(f'<span class="kb-pager__{kind} kb-pager__none">'
                         f'{html.escape(label(lang, "first_of" if kind == "prev" else "last_of"))}</span>')
            continue
        links.append(f'<a class="kb-pager__{kind}" href="{html.escape(question_url(other.id) + query)}" rel="{kind}">'
                     f'<span class="kb-pager__dir">{html.escape(label(lang, kind))}</span>'
                     f'<span class="kb-pager__title">{html.escape(text_of(other, lang).title)}</span></a>')
    return (f'<nav class="kb-pager"{attrs} aria-label="{html.escape(aria)}" data-pagefind-ignore>{caption}'
            + "".join(links) + "</nav>\n")


def question_nav(q: Question, cat: Category, lang: str, neighbours: Neighbours) -> str:
    """The previous and next question in the category's order (shown), and in each track the question is in
    (hidden; docs/assets/kb-nav.js shows the one of the track in ?track= and hides the category's)."""
    def caption(key: str, name: str, url: str, step: Step) -> str:
        where = label(lang, f"{key}_position", **{key: "{link}"}, i=step.position, n=step.total)
        return f'<p class="kb-pager__caption">{html.escape(where).replace("{link}", _a(name, url))}</p>'

    out = []
    step = neighbours.category.get(q.id)
    if step is not None and step.total > 1:
        out.append(_pager(lang, step, "", ' data-kb-pager="category"', label(lang, "pager_category"),
                          caption("category", getattr(cat, lang).name, category_url(cat.slug), step)))
    for track, step in neighbours.tracks.get(q.id, ()):
        name = getattr(track, lang).name
        out.append(_pager(lang, step, f"?{TRACK_PARAM}={track.slug}", f' data-kb-track="{track.slug}" hidden',
                          label(lang, "pager_track", name=name),
                          caption("track", name, f"../../{track_page(track.slug)}/", step)))
    return "".join(out)


def render_category(cat: Category, lang: str, content: Content) -> GeneratedPage:
    name = getattr(cat, lang)
    items = category_order(content, cat.slug)  # the order of previous/next on question pages
    meta = {"title": name.name, "description": name.description,
            "kb": {"kind": "category", "source": "content/categories.yml"}}
    # a fixed anchor: one slugified from the name would be content in an id (``__config`` is Material's)
    out = [_front_matter(meta), f"# {escape(name.name)} {{ #category-title }}\n", f"{escape(name.description)}\n",
           f'<p class="kb-count" aria-live="polite">{label(lang, "questions_count", n=len(items))}</p>\n',
           random_control(lang, "list")]
    out.append(study_links(lang, "category", cat.slug))
    out.append(_level_filter(lang, "difficulty", len(items), "level", "filter"))
    out.append(_level_filter(lang, "frequency", len(items), "freq", "filter_frequency"))
    out.append(progress_filter(lang, len(items)))
    out.append(progress_summary(f"category/{cat.slug}"))
    out.append(question_list(lang, items, f"category/{cat.slug}") + "\n")
    out.append(print_link(lang, f"../../{print_category(cat.slug)}/"))
    return GeneratedPage(page_path(category_page(cat.slug), lang), "\n".join(out) + "\n")


def question_item(lang: str, q: Question, query: str = "", category: Category | None = None) -> str:
    """One question of a list (category, track): its link, marks, and ``data-kb-qid`` for reading progress
    (kb-study.js). Links are relative to a page one folder down (category/<slug>/, tracks/<slug>/)."""
    suffix = f" {html.escape(label('en', 'untranslated'))}" if lang != DEFAULT and q.en is None else ""
    where = (f' <span class="kb-item-category">{html.escape(getattr(category, lang).name)}</span>'
             if category is not None else "")
    return (f'<li data-kb-qid="{q.id}">{_a(text_of(q, lang).title, f"../../qa/{q.id}/{query}")}{suffix}'
            f"{where} {_marks(lang, q)}</li>\n")


def question_list(lang: str, questions: list[Question], progress: str, tag: str = "ul", query: str = "",
                  categories: dict[str, Category] | None = None, start: int = 1) -> str:
    """A list of questions as one HTML block; ``data-kb-progress`` names it for reading progress (kb-study.js)."""
    first = f' start="{start}"' if tag == "ol" and start != 1 else ""
    items = "".join(question_item(lang, q, query, (categories or {}).get(q.category)) for q in questions)
    return f'<{tag} class="kb-questions" data-kb-progress="{html.escape(progress)}"{first}>\n{items}</{tag}>\n'


def print_link(lang: str, url: str) -> str:
    return f'<p class="kb-print-link">{_a(label(lang, "print_link"), url)}</p>\n'


def tracks_section(lang: str, content: Content) -> list[str]:
    """The home page's list of study tracks (nothing when content/tracks.yml has none)."""
    if not content.tracks:
        return []
    out = [f"## {label(lang, 'tracks')} {{ #tracks }}\n", label(lang, "tracks_intro") + "\n"]
    for track in content.tracks:
        text = getattr(track, lang)
        count = label(lang, "questions_count", n=sum(len(stage.questions) for stage in track.stages))
        sep = "：" if lang == "zh" else ": "
        out.append(f"- {link(text.name, f'{track_page(track.slug)}.md')} · {count}{sep}{escape(text.description)}")
    return out + [""]


def render_home(lang: str, content: Content) -> GeneratedPage:
    meta = {"title": label(lang, "site"), "description": label(lang, "intro"), "kb": {"kind": "home"}}
    counts = {c.slug: sum(q.category == c.slug for q in content.questions) for c in content.categories}
    out = [_front_matter(meta), f"# {label(lang, 'site')}\n", label(lang, "intro") + "\n",
           label(lang, "total", n=len(content.questions), c=len(content.categories)) + "\n", random_control(lang),
           _control("due", lang),  # kb-study.js: how many questions are due for review today, linked to practice
           f"## {label(lang, 'browse')} {{ #categories }}\n", '<div class="grid cards" markdown>\n']
    for cat in content.categories:
        name = getattr(cat, lang)
        count = label(lang, 'questions_count', n=counts[cat.slug])
        out.append(f"-   {link(name.name, f'category/{cat.slug}.md')} · {count}\n\n"
                   f"    ---\n\n    {escape(name.description)}\n")
    out.append("</div>\n")
    out += tracks_section(lang, content)
    out.append(f"## {label(lang, 'more')} {{ #more }}\n")
    if content.tracks:
        out.append(f"- {link(label(lang, 'tracks'), f'{tracks_index()}.md')}: {label(lang, 'tracks_link')}")
    out.append(f"- {link(label(lang, 'tags'), 'tags.md')}: {label(lang, 'tags_link')}")
    out.append(f"- {link(label(lang, 'glossary'), 'glossary.md')}: {label(lang, 'glossary_link')}")
    out.append(f"- {link(label(lang, 'practice'), 'practice.md')}: {label(lang, 'practice_link')}")
    out.append(f"- {link(label(lang, 'mock'), 'mock.md')}: {label(lang, 'mock_link')}")
    return GeneratedPage(page_path(HOME, lang), "\n".join(out).rstrip() + "\n")


def _letter_index(entries: list[tuple[str, str, str]], kind: str) -> str:
    """A compact index of names grouped by initial letter: (name, anchor, note) in sorted order, as one
    ``<dl>`` whose letters are headings of flowing lists (kb.css .kb-index)."""
    groups: dict[str, list[str]] = {}
    for name, anchor, note in entries:
        groups.setdefault(initial(name), []).append(
            f'<li><a href="#{html.escape(anchor)}">{html.escape(name)}</a>{note}</li>')
    out = [f'<dl class="kb-index kb-index--{kind}">']
    for letter, items in groups.items():
        out.append(f'<dt id="{kind}-{letter.lower() if letter != "#" else "0"}">{letter}</dt>'
                   f'<dd><ul>{"".join(items)}</ul></dd>')
    return "\n".join(out) + "\n</dl>\n"


def render_tags(lang: str, content: Content) -> GeneratedPage:
    """The tags page: an index of every tag with its number of questions, grouped by initial letter (pinyin
    for Chinese), above Material's listing of each tag's questions in the same order (kb.mkdocs.tag_order);
    the listing's tag headings keep Material's ids, which the tags of every question page link to."""
    # Not in the search index: it repeats every question title; pages carry their tags themselves.
    meta = {"title": label(lang, "tags"), "kb": {"kind": "tags"}, "search": {"exclude": True}, "hide": ["toc"]}
    counts = {t.slug: 0 for t in content.tags}
    for q in content.questions:
        for slug in q.tags:
            counts[slug] = counts.get(slug, 0) + 1
    names = sorted(((getattr(t, lang), counts[t.slug]) for t in content.tags if counts[t.slug]),
                   key=lambda item: sort_key(item[0]))
    entries = [(name, tag_anchor(name), f' <span class="kb-index__count" title="{html.escape(how_many)}">{n}</span>')
               for name, n in names for how_many in (label(lang, "questions_count", n=n),)]
    return GeneratedPage(page_path(TAGS, lang), _front_matter(meta) + f"# {label(lang, 'tags')}\n\n"
                         f"{label(lang, 'tags_intro', n=len(names))}\n\n" + _letter_index(entries, "tags")
                         + '\n<div class="kb-tag-listing" markdown>\n\n<!-- material/tags -->\n\n</div>\n')


def render_glossary(lang: str, content: Content) -> GeneratedPage:
    """The glossary: a letter bar, then the terms under a heading per initial letter (pinyin for Chinese),
    each a compact definition-list entry whose id is the term's id (question pages link to it)."""
    other = "en" if lang == DEFAULT else DEFAULT
    # no table of contents: the letter bar is one, and the width goes to a second column of terms
    meta = {"title": label(lang, "glossary"), "kb": {"kind": "glossary", "source": "content/glossary.yml"},
            "hide": ["toc"]}
    by_id = {q.id: q for q in content.questions}
    sep = "：" if lang == "zh" else ": "
    groups: dict[str, list[str]] = {}
    for term in sorted(content.glossary, key=lambda g: sort_key(getattr(g, lang).term)):
        mine, theirs = getattr(term, lang), getattr(term, other)
        extra = [f'{html.escape(label(lang, "also"))}{sep}<span lang="{HTML_LANG[other]}">{html.escape(theirs.term)}'
                 "</span>"]
        if mine.aliases:
            extra.append(f'{html.escape(label(lang, "written"))}{sep}'
                         + ("、" if lang == "zh" else ", ").join(html.escape(a) for a in mine.aliases))
        question = by_id.get(term.id)
        if question is not None:  # the question page of the same id explains the term in depth
            extra.append(f'{html.escape(label(lang, "in_depth"))}{sep}'
                         + _a(text_of(question, lang).title, f"../qa/{question.id}/"))
        groups.setdefault(initial(mine.term), []).append(
            f'<div class="kb-term" id="{html.escape(term.id)}"><dt>{html.escape(mine.term)}</dt>'
            f"<dd><p>{html.escape(mine.definition)}</p>\n"
            f'<p class="kb-term__more">{" · ".join(extra)}</p></dd></div>')
    letters = [(letter, f"glossary-{letter.lower() if letter != '#' else '0'}") for letter in groups]
    out = [_front_matter(meta), f"# {label(lang, 'glossary')}\n", label(lang, "glossary_intro") + "\n",
           '<p class="kb-letters">' + "".join(f'<a href="#{anchor}">{letter}</a>' for letter, anchor in letters)
           + "</p>\n"]
    for (letter, anchor), entries in zip(letters, groups.values()):
        out.append(f"## {letter} {{ #{anchor} }}\n")
        out.append('<dl class="kb-glossary">\n' + "\n".join(entries) + "\n</dl>\n")
    return GeneratedPage(page_path(GLOSSARY, lang), "\n".join(out))
