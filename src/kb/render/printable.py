"""Printable pages: every question of a track (/print/tracks/<slug>/) or a category (/print/category/<slug>/)
with its answer and analysis, in the order of the online page. Pure.

kb renders them itself (``kb.render.pagebody.Body``, as question pages): the answers are cmark-gfm's HTML.
docs/assets/kb-print.css lays them out on paper; on screen they are ordinary pages, answers always shown
(the interview mode hides ``.kb-answer`` only, which these pages do not use).
"""

from __future__ import annotations

import html
import re

from kb.content.loader import Content
from kb.content.schema import Category, Question, Track
from kb.langs import DEFAULT, HTML_LANG
from kb.render.answer_html import to_html
from kb.render.labels import label
from kb.render.navigation import category_order
from kb.render.pagebody import Body, Heading
from kb.render.pages import GeneratedPage, difficulty, frequency, page_path, text_of
from kb.content.urls import print_category, print_track, track_page

# A link to another question as answer_html writes it (relative to qa/<id>/), with its anchor if any.
_QUESTION_HREF = re.compile(r'href="\.\./([a-z0-9-]+)/(#[^"]*)?"')
_UP = "../../../"  # from print/<kind>/<slug>/ to the language's root


def _rebased(fragment: str, on_page: set[str]) -> str:
    """Links between questions: to the question's place on this page when it is here, else to its page."""
    def repl(m: re.Match) -> str:
        qid, anchor = m.group(1), m.group(2) or ""
        return f'href="#{qid}"' if qid in on_page and not anchor else f'href="{_UP}qa/{qid}/{anchor}"'
    return _QUESTION_HREF.sub(repl, fragment)


def _question(q: Question, lang: str, categories: dict[str, Category], on_page: set[str]) -> str:
    t = text_of(q, lang)
    sep = "：" if lang == "zh" else ": "
    cat = categories[q.category]
    meta = (f'<p class="kb-print-meta">{html.escape(label(lang, "category"))}{sep}'
            f'{html.escape(getattr(cat, lang).name)}'
            f' · {html.escape(label(lang, "difficulty"))}{sep}{html.escape(difficulty(lang, q.difficulty))}'
            f' · {html.escape(label(lang, "frequency"))}{sep}{html.escape(frequency(lang, q.frequency))}'
            f' · <a href="{_UP}qa/{q.id}/">{html.escape(label(lang, "read_online"))}</a></p>')
    parts = [f'<div class="kb-print-question">{_rebased(to_html(t.question), on_page)}</div>',
             f'<p class="kb-print-label"><strong>{html.escape(label(lang, "answer"))}</strong></p>',
             f'<div class="kb-print-answer">{_rebased(to_html(t.answer), on_page)}</div>']
    if t.analysis:
        parts += [f'<p class="kb-print-label"><strong>{html.escape(label(lang, "analysis"))}</strong></p>',
                  f'<div class="kb-print-answer">{_rebased(to_html(t.analysis), on_page)}</div>']
    if q.references:
        items = "".join(f'<li><a href="{html.escape(r.url)}" rel="noopener">{html.escape(r.title)}</a>'
                        + (f" ({r.year})" if r.year else "") + "</li>" for r in q.references)
        parts.append(f'<p class="kb-print-label"><strong>{html.escape(label(lang, "references"))}</strong></p>'
                     f'<ol class="kb-print-references">{items}</ol>')
    body = "\n".join(parts)
    if lang != DEFAULT and getattr(q, lang) is None:  # shown in Chinese until translated
        body = (f'<p class="kb-print-meta">{html.escape(label("en", "untranslated"))}</p>\n'
                f'<div lang="{HTML_LANG[DEFAULT]}">\n{body}\n</div>')
    return f'<section class="kb-print-item">\n{meta}\n{body}\n</section>'


def _page(path: str, lang: str, title: str, description: str, back: str, source: str,
          groups: list[tuple[Heading | None, list[Question]]], content: Content) -> GeneratedPage:
    """A printable page: a title, a note, then each group's heading (a stage) and its questions, numbered."""
    categories = {c.slug: c for c in content.categories}
    on_page = {q.id for _, questions in groups for q in questions}
    level = 3 if any(h is not None for h, _ in groups) else 2
    numbered: list[tuple[Heading | None, list[tuple[Heading, Question]]]] = []
    n = 0
    for group, questions in groups:
        items = []
        for q in questions:
            n += 1
            items.append((Heading(level, q.id, f"{n}. {text_of(q, lang).title}"), q))
        numbered.append((group, items))
    title_heading = Heading(1, "print-title", label(lang, "print_title", name=title))
    headings = (title_heading, *(h for group, items in numbered
                                 for h in ((group,) if group else ()) + tuple(h for h, _ in items)))

    def render() -> tuple[Heading | str, ...]:
        intro = (f'<p>{html.escape(description)}</p>\n'
                 f'<p class="kb-print-note">{html.escape(label(lang, "print_intro"))} '
                 f'<a href="{html.escape(back)}">{html.escape(label(lang, "print_back"))}</a></p>\n'
                 f'<div class="kb-print-button" data-label="{html.escape(label(lang, "print_button"))}"></div>')
        parts: list[Heading | str] = [title_heading, intro]
        for group, items in numbered:
            if group is not None:
                parts.append(group)
            for heading, q in items:
                parts += [heading, _question(q, lang, categories, on_page)]
        return tuple(parts)

    meta = {"title": label(lang, "print_title", name=title), "description": description,
            "kb": {"kind": "print", "source": source}}
    return GeneratedPage(page_path(path, lang), Body(meta, headings, render))


def render_print_track(track: Track, lang: str, content: Content) -> GeneratedPage:
    text = getattr(track, lang)
    by_id = {q.id: q for q in content.questions}
    groups = [(Heading(2, f"stage-{n}", label(lang, "stage", n=n, name=getattr(stage, lang).name)),
               [by_id[qid] for qid in stage.questions if qid in by_id])
              for n, stage in enumerate(track.stages, 1)]
    return _page(print_track(track.slug), lang, text.name, text.description, f"{_UP}{track_page(track.slug)}/",
                 "content/tracks.yml", groups, content)


def render_print_category(cat: Category, lang: str, content: Content) -> GeneratedPage:
    text = getattr(cat, lang)
    return _page(print_category(cat.slug), lang, text.name, text.description, f"{_UP}category/{cat.slug}/",
                 "content/categories.yml", [(None, category_order(content, cat.slug))], content)
