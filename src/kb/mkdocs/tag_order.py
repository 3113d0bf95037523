"""The order of Material's tags listing (the tags page): tags and the questions under each tag by pinyin
(Chinese) or alphabetically (English), the order of the tag index above it (kb.render.pages.render_tags).

Material's tags plugin takes these through its documented ``listings_tags_sort_by`` and ``listings_sort_by``
settings (mkdocs.yml); its defaults sort by code point, so 对齐 came after 分词 and Transformer before attention.
"""

from __future__ import annotations

from typing import Any

from kb.render.collation import sort_key


def tag(tag: Any, *args: Any) -> tuple:
    """``listings_tags_sort_by``: a tag (and its listing tree) by its name."""
    return sort_key(str(tag.name))


def title(mapping: Any) -> tuple:
    """``listings_sort_by``: a page listed under a tag by its title."""
    return sort_key(str(mapping.item.title))
