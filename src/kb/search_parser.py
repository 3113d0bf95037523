"""The events Python's HTMLParser gives for a page's HTML, from one regular expression. Pure.

Material's search plugin divides every page into sections with a subclass of ``html.parser.HTMLParser``;
at 1,000 questions the tokenizer of HTMLParser (a Python loop over tags, attributes and positions) was
about half of that plugin's time (scripts/benchmark.py). ``events`` finds the same tags, attributes and
text with one compiled expression, and ``replay`` calls the parser's own handlers with them, so
Material's logic is unchanged. It covers the HTML MkDocs and kb write into a page's content (tags with
quoted attributes, comments, character references); for anything else (``<script>``, ``<style>``,
declarations, a ``<`` that starts no tag, unquoted attributes) it returns None and the caller lets
HTMLParser tokenize. tests/test_search_parser.py compares the events with HTMLParser's on every page.
"""

from __future__ import annotations

import re
from html import unescape

_NAME = r"[a-zA-Z][-.a-zA-Z0-9:_]*"  # a tag name
# An attribute: its name, then "=" and a quoted value if it has one (groups: name, "=value", "...", '...').
_ATTR = r"""([a-zA-Z_:][-.:a-zA-Z0-9_]*)(\s*=\s*(?:"([^"]*)"|'([^']*)'))?"""
_ATTRS = re.compile(_ATTR)
_TOKEN = re.compile(
    rf"<(?:!--(?P<comment>.*?)-->|/(?P<end>{_NAME})\s*>|(?P<start>{_NAME})(?P<attrs>(?:\s+{_ATTR})*)\s*(?P<close>/?)>)",
    re.S,
)
_COMMENT_CLOSE = re.compile(r"--\s+>")
_RAW_TEXT = ("script", "style")  # HTMLParser reads their content as raw text (CDATA_CONTENT_ELEMENTS)

Event = tuple  # ("start", tag, attrs) | ("startend", tag, attrs) | ("end", tag) | ("data", text)


def events(html: str) -> list[Event] | None:
    """What HTMLParser (convert_charrefs=True) reports for ``html``, fed whole and closed; None if unsure."""
    out: list[Event] = []
    pos = 0
    for m in _TOKEN.finditer(html):
        if m.start() > pos:
            if not _text(html[pos:m.start()], out):
                return None
        pos = m.end()
        if m.group("comment") is not None:
            if _COMMENT_CLOSE.search(m.group("comment")):
                return None  # HTMLParser also ends a comment at "-- >"
            continue  # handle_comment: not an event Material's parser uses
        if m.group("end") is not None:
            out.append(("end", m.group("end").lower()))
            continue
        tag = m.group("start").lower()
        if tag in _RAW_TEXT:
            return None
        text = m.group("attrs")
        attrs = [_attr(*found) for found in _ATTRS.findall(text)] if text else []
        out.append(("startend" if m.group("close") else "start", tag, attrs))
    if pos < len(html) and not _text(html[pos:], out):
        return None
    return out


def _attr(name: str, assigned: str, double: str, single: str) -> tuple[str, str | None]:
    """An attribute as HTMLParser reports it: name in lower case, value unquoted and decoded, None if no value."""
    if not assigned:
        return name.lower(), None
    value = double or single
    return name.lower(), unescape(value) if "&" in value else value


def _text(text: str, out: list[Event]) -> bool:
    """Text between tags: one data event, character references decoded; False if it holds a ``<``."""
    if "<" in text:
        return False
    out.append(("data", unescape(text) if "&" in text else text))
    return True


def replay(parser, found: list[Event]) -> None:
    """Call ``parser``'s handlers as HTMLParser's tokenizer would for the HTML ``found`` came from."""
    start, end, data, startend = parser.handle_starttag, parser.handle_endtag, parser.handle_data, parser.handle_startendtag
    for event in found:
        kind = event[0]
        if kind == "data":
            data(event[1])
        elif kind == "start":
            start(event[1], event[2])
        elif kind == "end":
            end(event[1])
        else:
            startend(event[1], event[2])
