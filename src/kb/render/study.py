"""The practice and mock-interview pages: what a reader sees without JavaScript, and the placeholders that
docs/assets/kb-study.js turns into a practice session or a mock interview. Pure.

The questions, categories and tracks the script draws from are in ``<root>/study.json`` (kb.publish.study_data);
a reader's progress stays in the browser (docs/progress.md).
"""

from __future__ import annotations

import html

from kb.content.loader import Content
from kb.content.urls import MOCK, PRACTICE
from kb.langs import HTML_LANG
from kb.render.labels import label
from kb.render.markdown import escape, link
from kb.render.pagebody import front_matter
from kb.render.pages import GeneratedPage, page_path

# Top-level page names this module adds (declared in kb.content.urls), the same in every language.
PRACTICE_PAGE = PRACTICE
MOCK_PAGE = MOCK
STUDY_PAGES = (PRACTICE_PAGE, MOCK_PAGE)


def _page(name: str, kind: str, lang: str, content: Content) -> GeneratedPage:
    meta = {"title": label(lang, kind), "description": label(lang, f"{kind}_intro"),
            # the edit button opens the page's words (there is no docs/ file)
            "kb": {"kind": kind, "source": "src/kb/render/labels.py"}, "search": {"exclude": True}}
    categories = "\n".join(f"- {link(getattr(c, lang).name, f'category/{c.slug}.md')}" for c in content.categories)
    out = [front_matter(meta), f"# {escape(label(lang, kind))}\n", escape(label(lang, f"{kind}_intro")) + "\n",
           # shown until kb-study.js starts (kb.css hides it then): the answers stay readable on question pages
           f'<div class="kb-study-nojs" markdown>\n\n{escape(label(lang, "study_nojs"))}\n\n{categories}\n\n</div>\n',
           f'<div class="kb-{kind}" lang="{html.escape(HTML_LANG[lang])}"></div>\n',
           f"{link(label(lang, 'progress_about'), 'progress.md')}\n"]  # docs/progress*.md: what is kept, where
    return GeneratedPage(page_path(name, lang), "\n".join(out))


def render_practice(lang: str, content: Content) -> GeneratedPage:
    """Practice with spaced repetition: choose questions, a round of them, self-grading, the progress panel."""
    return _page(PRACTICE_PAGE, "practice", lang, content)


def render_mock(lang: str, content: Content) -> GeneratedPage:
    """A mock interview: questions of a track or category, one at a time against a timer, then a summary."""
    return _page(MOCK_PAGE, "mock", lang, content)
