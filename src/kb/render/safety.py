"""Safe output: the last line of defence between content and the reader's browser. Pure functions.

``kb check`` refuses raw HTML and unsafe links with a message naming the line; this module makes
sure that whatever gets past it (a Markdown construct the lint does not know, an extension that
turns text into attributes) cannot run script on the site:

- ``sanitize_html`` re-serialises a page's content HTML from parsed tokens: elements that run or
  embed code are dropped with their content, event-handler attributes are removed, URLs in
  attributes must be http(s), mailto or relative, and external links get ``rel="noopener"``.
  Re-serialising (every text escaped, every attribute quoted) instead of patching the input means
  the browser sees exactly the structure this parser saw, so parser differences cannot smuggle
  markup through (comments, CDATA and processing instructions are dropped for the same reason).
- ``escape_meta`` escapes the front-matter values that MkDocs themes print without escaping
  (Jinja autoescape is off in MkDocs): the page title (head, header, navigation, search index,
  tag listings), the description and tag names. Title and description become ``Markup``, so a
  template that escapes them itself (``| e``) does not escape them twice.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markupsafe import Markup

# Elements dropped with everything inside them: they run code, embed other documents, change how
# the page is parsed or where its links point.
DROP = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
    "link", "noscript", "noembed", "noframes", "xmp", "plaintext", "template", "title", "portal",
})
VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame",
})
URL_ATTRS = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data",
    "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive", "srcset", "imagesrcset",
})
FORBIDDEN_ATTRS = frozenset({"srcdoc", "http-equiv"})
SAFE_SCHEMES = ("http", "https", "mailto")
# Comments kept as they are: markers that Material's plugins replace after this step.
_KEPT_COMMENT = re.compile(r"^ material/tags(?: \{[^<>]*\})? $")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_STRIPPED = re.compile(r"[\x00-\x20\x7f]+")
_ATTR_NAME = re.compile(r"[a-z_:][-a-z0-9_:.]*")
_TAG_NAME = re.compile(r"[a-z][a-z0-9:-]*")


def url_is_safe(url: str) -> bool:
    """True for http(s), mailto and relative URLs, after the clean-up a browser does.

    Browsers drop tabs and newlines anywhere in a URL and control characters and spaces around
    it, so ``java\\tscript:`` is ``javascript:``; entity references are already decoded here.
    """
    m = _SCHEME.match(_STRIPPED.sub("", url).lower())
    return m is None or m.group(1) in SAFE_SCHEMES


def _srcset_is_safe(value: str) -> bool:
    return all(url_is_safe(part.strip().split(" ")[0]) for part in value.split(",") if part.strip())


def _is_external(url: str) -> bool:
    return _STRIPPED.sub("", url).lower().startswith(("http://", "https://", "//"))


def clean_attrs(tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """The attributes of one element that are safe to keep, plus rel="noopener" on external links."""
    kept: list[tuple[str, str | None]] = []
    for name, value in attrs:
        name = name.lower()
        if not _ATTR_NAME.fullmatch(name) or name.startswith("on") or name in FORBIDDEN_ATTRS:
            continue
        if name in URL_ATTRS and value is not None:
            safe = _srcset_is_safe(value) if name.endswith("srcset") else url_is_safe(value)
            if not safe:
                continue
        if name == "style" and value and re.search(r"url\s*\(|expression\s*\(|javascript:|@import", value, re.I):
            continue
        kept.append((name, value))
    href = next((v for n, v in kept if n == "href"), None)
    if tag == "a" and href is not None and _is_external(href):
        rel = next((v for n, v in kept if n == "rel"), None) or ""
        if "noopener" not in rel.split():
            kept = [(n, v) for n, v in kept if n != "rel"] + [("rel", (rel + " noopener").strip())]
    return kept


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], close: bool) -> str:
    parts = [tag] + [n if v is None else f'{n}="{html.escape(v, quote=True)}"' for n, v in attrs]
    return "<" + " ".join(parts) + (" />" if close else ">")


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping: str | None = None  # the dropped element we are inside
        self.depth = 0  # nesting of that element inside itself

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, close=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, close=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], close: bool) -> None:
        if self.skipping is not None:
            if tag == self.skipping and not close:
                self.depth += 1
            return
        if tag in DROP:
            if not close and tag not in VOID:
                self.skipping, self.depth = tag, 0
            return
        if not _TAG_NAME.fullmatch(tag):
            return  # not an element a browser would build the same way: drop the tag, keep its text
        self.out.append(_start_tag(tag, clean_attrs(tag, attrs), close))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping:
                if self.depth == 0:
                    self.skipping = None
                else:
                    self.depth -= 1
            return
        if tag in DROP or tag in VOID or not _TAG_NAME.fullmatch(tag):
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skipping is None:
            self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data: str) -> None:
        if self.skipping is None and _KEPT_COMMENT.match(data):
            self.out.append(f"<!--{data}-->")

    # Declarations, processing instructions and CDATA sections are dropped: browsers and this
    # parser disagree on where some of them end.
    def handle_decl(self, decl: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass


def sanitize_html(fragment: str) -> str:
    """The content HTML of a page with everything that could run script removed (see module doc)."""
    if "<" not in fragment and "&" not in fragment:
        # Plain text (most table-of-contents titles): the parser would pass it on as one piece of
        # data, escaped; skip building a parser for it (tests/test_perf.py compares the two).
        return html.escape(fragment, quote=False)
    parser = _Sanitizer()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


def escape_meta(meta: dict) -> dict:
    """Front matter with the values that themes print unescaped (title, description, tags) escaped."""
    out = dict(meta)
    for key in ("title", "description"):
        if isinstance(out.get(key), str):
            out[key] = Markup.escape(out[key])
    if isinstance(out.get("tags"), list):
        out["tags"] = [html.escape(t, quote=True) if isinstance(t, str) else t for t in out["tags"]]
    return out


def sanitize_toc(items) -> None:
    """Sanitise the titles of a page's table of contents in place (themes print them unescaped)."""
    for item in items or ():
        item.title = sanitize_html(item.title)
        sanitize_toc(getattr(item, "children", ()))
