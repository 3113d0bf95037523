"""The text of a question (question, answer, analysis) as HTML, with cmark-gfm. Pure.

Question pages are almost all answer text, and Python-Markdown was the largest single cost of a
build (scripts/benchmark.py: 5 ms a page, about a third of the build). cmark-gfm, GitHub's C
implementation of CommonMark with GitHub's tables, strikethrough, autolinks and task lists, renders
all of today's answers in under 2 % of that time. It also follows CommonMark where authors expect it
and Python-Markdown does not: a list directly under a line of text (``**要点**：`` then ``- …``) is a
list, not a paragraph with dashes in it.

Safe by construction: without ``CMARK_OPT_UNSAFE`` cmark drops raw HTML (``kb check`` refuses it
anyway) and empties ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` link targets. External
links get ``rel="noopener"`` as ``kb.safety`` gives them on every other page.

Links between questions are written ``[text](other-id.md#anchor)`` (``kb.markdown.check_url``);
they become the other page's URL here, relative to a question page (``qa/<id>/``, directory URLs).
"""

from __future__ import annotations

import re

import cmarkgfm
from cmarkgfm.cmark import Options

EXTENSIONS = ("table", "strikethrough", "autolink", "tasklist")
_OPTIONS = Options.CMARK_OPT_VALIDATE_UTF8
_QUESTION_LINK = re.compile(r'href="(?:\./)?([a-z0-9-]+)\.md(#[^"]*)?"')
# cmark writes every link as <a href="…"> (then title="…"): nothing else can come first.
_EXTERNAL_LINK = re.compile(r'(<a href="(?:https?:)?//[^"]*"(?: title="[^"]*")?)>')

# Where things are from a question page (qa/<id>/index.html).
GLOSSARY_URL = "../../glossary/"


def question_url(qid: str) -> str:
    return f"../{qid}/"


def category_url(slug: str) -> str:
    return f"../../category/{slug}/"


def to_html(text: str) -> str:
    """HTML of Markdown ``text`` written on a question page."""
    out = cmarkgfm.markdown_to_html_with_extensions(text, options=_OPTIONS, extensions=list(EXTENSIONS))
    out = _QUESTION_LINK.sub(lambda m: f'href="{question_url(m.group(1))}{m.group(2) or ""}"', out)
    return _EXTERNAL_LINK.sub(r'\1 rel="noopener">', out)
