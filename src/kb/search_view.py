"""A page's HTML as Material's search plugin indexes it. Pure.

The plugin parses every page's HTML with Python's HTMLParser and then leaves out the sections under
a heading marked ``data-search-exclude`` (a question page's related questions, references and
sources) and every attribute (the glossary definitions in link titles). Those were more than half
of the HTML, and parsing was 60 % of the plugin's time; ``search_view`` cuts them first, and the
plugin makes the same entries of what is left (tests/test_site_build.py compares every page).
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"<h[1-6]\b[^>]*>")
_LINK_TITLE = re.compile(r'(<a\b[^>]*?) title="[^"]*"')


def search_view(html: str) -> str:
    """``html`` without excluded sections (a heading marked ``data-search-exclude`` up to the next
    heading) and without links' ``title`` attributes."""
    if "data-search-exclude" in html:
        kept, pos = [], 0
        headings = list(_HEADING.finditer(html))
        for h, following in zip(headings, headings[1:] + [None]):
            if "data-search-exclude" in h.group(0):
                kept.append(html[pos:h.start()])
                pos = following.start() if following else len(html)
        html = "".join(kept) + html[pos:]
    return _LINK_TITLE.sub(r"\1", html) if ' title="' in html else html
