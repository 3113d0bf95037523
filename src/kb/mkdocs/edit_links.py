"""Where the edit button of a generated page points: the file in content/ that the page comes from.

Question, category and glossary pages name their source in ``page.meta.kb.source`` (kb.render.pages). The
home page is made from the category list and the tags page from the tag list, so they open those
files. Hand-written pages (docs/*.md, docs/*.en.md) keep MkDocs' default: their own Markdown file.
"""

from __future__ import annotations

from typing import Any

SOURCES_BY_KIND = {"home": "content/categories.yml", "tags": "content/tags.yml"}


def edit_source(meta: dict[str, Any]) -> str | None:
    """The repository path a generated page is edited in, or None for a hand-written page."""
    kb = meta.get("kb") or {}
    if not isinstance(kb, dict):
        return None
    return kb.get("source") or SOURCES_BY_KIND.get(kb.get("kind", ""))
