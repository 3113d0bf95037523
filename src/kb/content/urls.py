"""Where content gets its pages, declared once.

``kb.site.plan`` and ``kb.render.pages`` build every page path from these names, and ``kb.content.schema``
refuses a question id, category slug or tag slug that would land on a page the site has of its own. MkDocs
makes ``<folder>/index.md`` the folder's page (``qa/index.md`` is ``/qa/``, not ``/qa/index/``), so a question
with the id ``index`` would be linked as ``/qa/index/`` and that link would 404.

A new page of kb's own goes into ``SITE_PAGES`` (under its folder): from then on no id or slug can take its
name, and content that already did fails ``kb check`` with the reason, instead of a page silently replacing
another one.
"""

from __future__ import annotations

import re
import unicodedata

FOLDER_PAGE = "index"  # MkDocs: a folder's own page (its URL is the folder's)
HOME = FOLDER_PAGE
TAGS = "tags"  # the tags page (Material's tags listing); a page per tag would be tags/<slug>
GLOSSARY = "glossary"
PRACTICE = "practice"  # spaced-repetition practice (kb.render.study)
MOCK = "mock"  # mock interview (kb.render.study)
QUESTIONS = "qa"  # qa/<id>: a question page
CATEGORIES = "category"  # category/<slug>: a category page
TRACKS = "tracks"  # tracks/ lists the study tracks, tracks/<slug> is one track (kb.render.tracks)
PRINT = "print"  # print/tracks/<slug> and print/category/<slug>: every question of one with its answer
PAGE_FOLDERS = (TRACKS, PRINT)  # top-level folders of generated pages besides qa/ and category/
TRACK_PARAM = "track"  # ?track=<slug> on a question's URL: opened from that track (docs/assets/kb-nav.js)

# The site's own pages by folder ("" is the top): kb's generated pages and MkDocs' folder page.
SITE_PAGES: dict[str, tuple[str, ...]] = {
    "": (HOME, TAGS, GLOSSARY, PRACTICE, MOCK),
    QUESTIONS: (FOLDER_PAGE,),
    CATEGORIES: (FOLDER_PAGE,),
    TAGS: (FOLDER_PAGE,),
    TRACKS: (FOLDER_PAGE,),
}




def question_page(qid: str) -> str:
    return f"{QUESTIONS}/{qid}"


def category_page(slug: str) -> str:
    return f"{CATEGORIES}/{slug}"


def tracks_index() -> str:
    return f"{TRACKS}/{FOLDER_PAGE}"


def track_page(slug: str) -> str:
    return f"{TRACKS}/{slug}"


def print_track(slug: str) -> str:
    return f"{PRINT}/{TRACKS}/{slug}"


def print_category(slug: str) -> str:
    return f"{PRINT}/{CATEGORIES}/{slug}"


def reserved(folder: str, name: str) -> str | None:
    """Why ``name`` cannot be a page in ``folder``, or None when it can."""
    if name not in SITE_PAGES.get(folder, ()):
        return None
    where = f"{folder}/{name}"
    if name == FOLDER_PAGE:
        return (f"'{name}' is reserved: {where}.md would be the page of the folder {folder}/ itself (MkDocs' "
                f"index page), so links to /{where}/ would lead nowhere; choose another name")
    return f"'{name}' is reserved: the site has a page {where} of its own; choose another name"


def tag_anchor(name: str) -> str:
    """The anchor of the tag called ``name`` on the tags page: Material's tags plugin with its defaults
    (``tags_slugify``: ``pymdownx.slugs.slugify(case="lower")``, ``tags_slugify_format``: ``tag:{slug}``), which
    question pages link their tags to. Tags are named there, not by slug: two names with one anchor share it."""
    slug = _HTML_TAG.sub("", unicodedata.normalize("NFC", name)).strip().lower()
    return "tag:" + _NOT_IN_SLUG.sub("", slug).replace(" ", "-")


_HTML_TAG = re.compile(r"</?[^>]*>")
_NOT_IN_SLUG = re.compile(r"[^\w\- ]")
