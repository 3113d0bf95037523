"""Safe output: the last line of defence between content and the reader's browser. Pure functions.

``kb check`` refuses raw HTML and unsafe links with a message naming the line; this module makes
sure that whatever gets past it (a Markdown construct the lint does not know, an extension that
turns text into attributes) cannot run script on the site:

- ``sanitize_html`` hands a page's content HTML to nh3, the Python binding of Ammonia (Rust). It
  parses the fragment with html5ever, the HTML5 parser of Servo, so it sees the tree a browser
  builds (CDATA, ``<noscript>``, a ``<td>`` outside a table are parsed as a browser parses them),
  keeps only the elements and attributes of ``TAGS`` / ``ATTRIBUTES`` (an allowlist: what
  Python-Markdown and its extensions write, plus the ``data-*`` attributes the site's scripts read),
  drops the content of ``CLEAN_CONTENT`` elements, allows http(s), mailto and relative URLs only,
  and re-serialises the tree (every text and attribute value escaped, ``<`` and ``>`` included).
  SVG animation elements (``<animate>``, ``<set>``, ...), which set attributes such as ``href`` to
  values no URL check sees, are not in the allowlist.
- Nothing loads from another host: a ``src`` (images) or a non-link ``href`` (SVG ``<use>``) that
  names another host, with or without a scheme, is dropped (``srcset``, ``poster``, ``<link>``,
  frames and embeds are not in the allowlist, and ``url(`` not in a style). Links to other hosts
  stay: a click is the reader's choice. A ``rel`` keeps only the link types of ``LINK_REL``.
- What stays ours, after Ammonia: ``style`` values are checked here (``_attribute_filter``: no
  ``url(``, ``expression(``, ``javascript:``, ``@import``, escapes); external links get
  ``rel="noopener"`` while internal links stay as they are and an author's ``rel`` is kept (its
  link types of ``LINK_REL``)
  (Ammonia's ``link_rel`` would set one ``rel`` on every link), a small pass over Ammonia's output
  that relies on it escaping every ``<`` that does not start a tag (``_add_noopener``); the
  ``<!-- material/tags -->`` marker that Material's tags plugin replaces after this step survives
  (every other comment is dropped) through a placeholder no content can know; plain text (most
  table-of-contents titles) skips the parser with the same result (tests/test_perf.py).
- ``url_is_safe`` is the same URL rule as a function (tests; a browser's URL clean-up first).
- ``escape_meta`` escapes the front-matter values that MkDocs themes print without escaping
  (Jinja autoescape is off in MkDocs): the page title (head, header, navigation, search index,
  tag listings), the description and tag names. Title and description become ``Markup``, so a
  template that escapes them itself (``| e``) does not escape them twice.
"""

from __future__ import annotations

import html
import re
import secrets

import nh3
from markupsafe import Markup

from kb.render.answer_html import is_external

# Elements kept (everything else is dropped, its text kept): what Python-Markdown and the extensions
# of mkdocs.yml write (admonition, attr_list, md_in_html, tables, toc, pymdownx.superfences and
# highlight), common Markdown extensions (footnotes, task lists, details, keys, mark, arithmatex),
# and inline SVG icons. No SVG animation (<animate>, <set>, <animateMotion>, <animateTransform>),
# <foreignObject>, script, style, frames, embeds or <base>/<meta>/<link>.
TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p", "pre",
    "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    "form", "button",  # without action/formaction (tests/test_safety.py): they post nowhere
    "svg", "g", "path", "use",  # icons
})
# Dropped with everything inside them: code, other documents, text that is not content.
CLEAN_CONTENT = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
    "noframes", "template", "title", "textarea", "select", "math", "xmp", "plaintext", "portal",
})
# The data-* attributes the site's scripts read (docs/assets/*.js) and generated pages write.
DATA_ATTRS = frozenset({
    "data-all", "data-hidden", "data-hide", "data-key", "data-label", "data-level",
    "data-options", "data-source", "data-query", "data-show", "data-shown", "data-total", "data-value",
    "data-kb-qid", "data-kb-progress", "data-kb-for", "data-kb-qids",  # progress marks (docs/assets/kb-study.js)
    "data-pagefind-body", "data-pagefind-ignore", "data-pagefind-meta", "data-pagefind-weight",
    "data-pagefind-filter", "data-pagefind-sort",  # the search index (Pagefind) reads them
})
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "style", "aria-label", "aria-hidden", "aria-live", *DATA_ATTRS},
    "div": {"role", "aria-labelledby"},  # a row of filter buttons is a named group (kb.render.pages._filter)
    "a": {"href", "rel", "name"},  # name: pymdownx.highlight's line anchors
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled", "name"},  # task lists (disabled checkboxes), content tabs
    "label": {"for"},
    "button": {"type"},  # no formaction (tests/test_safety.py)
    "details": {"open"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "q": set(), "blockquote": set(), "del": set(), "ins": set(),  # no cite: a URL nobody needs
    "svg": {"viewBox", "xmlns", "width", "height", "fill"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "use": {"href"},
}
SAFE_SCHEMES = ("http", "https", "mailto")
LINK_REL = frozenset({"noopener", "noreferrer", "nofollow", "ugc", "external", "license", "tag", "help"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_STRIPPED = re.compile(r"[\x00-\x20\x7f]+")
_UNSAFE_STYLE = re.compile(r"url\s*\(|expression\s*\(|javascript:|@import|\\|behavior|binding", re.I)
# Comments kept as they are: markers that Material's plugins replace after this step. No quote or
# ampersand inside, so a marker can be nothing but text wherever it ends up.
_KEPT_COMMENT = re.compile(r"<!-- material/tags(?: \{[^<>\"&]*\})? -->")
_MARKER = "kbmarker" + secrets.token_hex(12)  # per process: content cannot write it
_PLACEHOLDER = re.compile(_MARKER + r"(\d+)x")
_TAG_OR_PLACEHOLDER = re.compile(r"<[^>]*>|" + _MARKER + r"(\d+)x")  # Ammonia escapes ">" in values
# Text that html5ever passes through as it is, escaped (anything else goes to the parser).
_PLAIN = re.compile(r"[^<&\r\x00\xa0\ufeff]*")
# A start tag of Ammonia's output: attribute values are double-quoted, with no '"', '<' or '>' inside.
_START_TAG = re.compile(r'<([a-zA-Z][^\s/>]*)((?:\s+[^\s="/>]+(?:="[^"]*")?)*)\s*(/?)>')
_ATTR = re.compile(r'\s+([^\s="/>]+)(?:="([^"]*)")?')


def url_is_safe(url: str) -> bool:
    """True for http(s), mailto and relative URLs, after the clean-up a browser does.

    Browsers drop tabs and newlines anywhere in a URL and control characters and spaces around
    it, so ``java\\tscript:`` is ``javascript:``; entity references are already decoded here.
    """
    m = _SCHEME.match(_STRIPPED.sub("", url).lower())
    return m is None or m.group(1) in SAFE_SCHEMES


def _is_external(url: str) -> bool:
    return _STRIPPED.sub("", url).lower().startswith(("http://", "https://", "//"))


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "style" and _UNSAFE_STYLE.search(value):
        return None
    if name in ("href", "src") and not url_is_safe(value):  # Ammonia's check, once more
        return None
    if name == "src" or (name == "href" and tag != "a"):  # loaded by the browser itself: this host only
        return None if is_external(value) else value
    if name == "rel":  # what a link says about its target, nothing that makes the browser fetch it
        kept = " ".join(t for t in value.lower().split() if t in LINK_REL)
        return kept or None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(CLEAN_CONTENT), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter, strip_comments=True, link_rel=None, url_schemes=set(SAFE_SCHEMES),
)


def _noopener(m: re.Match) -> str:
    if m.group(1) != "a" or 'href="' not in m.group(2):
        return m.group(0)
    attrs = [(n, v) for n, v in _ATTR.findall(m.group(2))]
    href = next((v for n, v in attrs if n == "href"), None)
    if href is None or not _is_external(html.unescape(href)):
        return m.group(0)
    rel = html.unescape(next((v for n, v in attrs if n == "rel"), ""))
    if "noopener" in rel.split():
        return m.group(0)
    attrs = [(n, v) for n, v in attrs if n != "rel"] + [("rel", html.escape((rel + " noopener").strip(), quote=True))]
    return "<a" + "".join(f' {n}="{v}"' for n, v in attrs) + m.group(3) + ">"


def _add_noopener(cleaned: str) -> str:
    """rel="noopener" on the external links of Ammonia's output (it escapes every other '<')."""
    if "<a " not in cleaned:
        return cleaned
    return _START_TAG.sub(_noopener, cleaned)


def sanitize_html(fragment: str) -> str:
    """The content HTML of a page with everything that could run script removed (see module doc)."""
    if _PLAIN.fullmatch(fragment):
        # Plain text (most table-of-contents titles): Ammonia would pass it on as one text, escaped;
        # skip the parser for it (tests/test_perf.py compares the two).
        return html.escape(fragment, quote=False)
    markers: list[str] = []
    if "<!--" in fragment:
        def stash(m: re.Match) -> str:
            markers.append(m.group(0))
            return f"{_MARKER}{len(markers) - 1}x"
        fragment = _KEPT_COMMENT.sub(stash, fragment)
    cleaned = _add_noopener(_CLEANER.clean(fragment))
    if markers:
        # a marker in text is the comment again, one in an attribute value the text it was there
        def unstash(m: re.Match) -> str:
            if m.group(1) is not None:
                return markers[int(m.group(1))]
            return _PLACEHOLDER.sub(lambda p: html.escape(markers[int(p.group(1))], quote=True), m.group(0))
        cleaned = _TAG_OR_PLACEHOLDER.sub(unstash, cleaned)
    return cleaned


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
