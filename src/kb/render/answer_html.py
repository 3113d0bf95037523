"""The text of a question (question, answer, analysis) as HTML, with cmark-gfm. Pure.

Question pages are almost all answer text, and Python-Markdown was the largest single cost of a
build (scripts/benchmark.py: 5 ms a page, about a third of the build). cmark-gfm, GitHub's C
implementation of CommonMark with GitHub's tables, strikethrough, autolinks and task lists, renders
all of today's answers in under 2 % of that time. It also follows CommonMark where authors expect it
and Python-Markdown does not: a list directly under a line of text (``**要点**：`` then ``- …``) is a
list, not a paragraph with dashes in it.

Safe by construction: without ``CMARK_OPT_UNSAFE`` cmark drops raw HTML (``kb check`` refuses it
anyway) and empties ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` link targets. External
links get ``rel="noopener"`` as ``kb.render.safety`` gives them on every other page.

Links between questions are written ``[text](other-id.md#anchor)`` (``kb.render.markdown.check_url``);
they become the other page's URL here, relative to a question page (``qa/<id>/``, directory URLs).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import cffi
from cmarkgfm import _cmark
from cmarkgfm.cmark import Options

EXTENSIONS = ("table", "strikethrough", "autolink", "tasklist")
_OPTIONS = Options.CMARK_OPT_VALIDATE_UTF8

# cmarkgfm 2025.10.22's markdown_to_html_with_extensions never frees the syntax tree nor the HTML
# buffer (about 100 kB a call: 600 MB at 1,000 questions). The same calls to the cmark-gfm library
# it bundles, with the two frees it leaves out (tests/test_answer_html.py measures the memory).
_ffi = cffi.FFI()
_ffi.cdef("""
    void *cmark_parser_new(int options);
    void cmark_parser_free(void *parser);
    void cmark_parser_feed(void *parser, const char *buffer, size_t len);
    void *cmark_parser_finish(void *parser);
    void *cmark_find_syntax_extension(const char *name);
    int cmark_parser_attach_syntax_extension(void *parser, void *extension);
    void *cmark_parser_get_syntax_extensions(void *parser);
    char *cmark_render_html(void *root, int options, void *extensions);
    void cmark_node_free(void *node);
    void cmark_gfm_core_extensions_ensure_registered(void);
    void free(void *ptr);
""")
_lib = _ffi.dlopen(_cmark.__file__)
_libc = _ffi.dlopen(None)
_lib.cmark_gfm_core_extensions_ensure_registered()
_EXTENSIONS = [_lib.cmark_find_syntax_extension(name.encode()) for name in EXTENSIONS]
if any(ext == _ffi.NULL for ext in _EXTENSIONS):
    raise ImportError(f"cmarkgfm's cmark-gfm library lacks one of the extensions {', '.join(EXTENSIONS)}")


@functools.lru_cache(maxsize=8192)  # `mkdocs serve` converts every unchanged answer again on every save
def _cmark_html(text: str, options: int = _OPTIONS) -> str:
    data = text.encode("utf-8")
    parser = _lib.cmark_parser_new(options)
    try:
        for ext in _EXTENSIONS:
            _lib.cmark_parser_attach_syntax_extension(parser, ext)
        _lib.cmark_parser_feed(parser, data, len(data))
        root = _lib.cmark_parser_finish(parser)
        try:
            raw = _lib.cmark_render_html(root, options, _lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return _ffi.string(raw).decode("utf-8")
            finally:
                _libc.free(raw)
        finally:
            _lib.cmark_node_free(root)
    finally:
        _lib.cmark_parser_free(parser)


_QUESTION_LINK = re.compile(r'href="(?:\./)?([a-z0-9-]+)\.md(#[^"]*)?"')
# cmark writes every link as <a href="…"> (then title="…"): nothing else can come first.
_EXTERNAL_LINK = re.compile(r'(<a href="(?:https?:)?//[^"]*"(?: title="[^"]*")?)>')
# cmark writes every image as <img src="…" alt="…" (title="…") />, values escaped; raw HTML is omitted and
# a "<" in text is "&lt;", so this is every image of the output. Also what a block's source line is.
_IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? />')
# A tag of cmark's output (every "<" in it starts one), with the line of its block and an image's URL; or a
# line break, which cmark keeps inside a block.
_TAG_OR_BREAK = re.compile(r'<(?P<close>/)?[a-z][a-z0-9]*(?: src="(?P<src>[^"]*)")?[^<>]*?'
                           r'(?: data-sourcepos="(?P<pos>\d+):[^"]*")?(?P<void> /)?>|\n')

# Where things are from a question page (qa/<id>/index.html).
GLOSSARY_URL = "../../glossary/"


def question_url(qid: str) -> str:
    return f"../{qid}/"


def category_url(slug: str) -> str:
    return f"../../category/{slug}/"


def is_external(url: str) -> bool:
    """True if a browser would fetch ``url`` (as written in an attribute) from another host."""
    return bool(_OTHER_HOST.match(_STRIPPED.sub("", html.unescape(url))))


_STRIPPED = re.compile(r"[\x00-\x20\x7f]+")
# any scheme (``https:host/x`` is https://host/x to a browser) but the inline ones that cmark and kb check
# deal with as unsafe, or scheme-relative (//host, \\host)
_OTHER_HOST = re.compile(r"(?i)(?!(?:data|javascript|vbscript):)[a-z][a-z0-9+.-]*:|[\\/]{2}")


MAX_DEPTH = 32  # elements inside each other (lists, quotes, emphasis); today's answers use at most 7


@dataclass(frozen=True)
class Structure:
    """What ``kb check`` needs of cmark-gfm's reading of a text."""

    images: tuple[tuple[int, str], ...]  # (line, URL) of every image
    too_deep: tuple[int, int] | None  # (line, depth) where elements first nest deeper than MAX_DEPTH


def structure(text: str) -> Structure:
    """Every image cmark-gfm makes of ``text``, however it is written (inline, reference, in a table or a
    quote), and where its elements nest too deep, in one pass over cmark's HTML: lines come from cmark's
    source positions of blocks plus the line breaks cmark keeps inside a block.

    Deep nesting is refused because what reads the built page after us does not read it in linear time
    (Pagefind took minutes for quotes nested 500,000 deep: scripts/benchmark.py --budget)."""
    images: list[tuple[int, str]] = []
    too_deep = None
    line = depth = 0
    for m in _TAG_OR_BREAK.finditer(_cmark_html(text, _OPTIONS | Options.CMARK_OPT_SOURCEPOS)):
        if m.group(0) == "\n":
            line += 1
            continue
        if m.group("pos"):
            line = int(m.group("pos"))
        if m.group("src") is not None:
            images.append((line or 1, html.unescape(m.group("src"))))
        if m.group("close"):
            depth -= 1
        elif not m.group("void"):
            depth += 1
            if depth > MAX_DEPTH and too_deep is None:
                too_deep = (line or 1, depth)
                if "![" not in text:
                    break  # nothing more to find: no image
    return Structure(tuple(images), too_deep)


def _local_image(m: re.Match) -> str:
    return m.group(2) if is_external(m.group(1)) else m.group(0)  # the alt text, escaped by cmark


def to_html(text: str) -> str:
    """HTML of Markdown ``text`` written on a question page. An image from another host is its alt text:
    no page makes a reader's browser contact another host (``kb check`` refuses such images)."""
    out = _IMAGE.sub(_local_image, _cmark_html(text))
    out = _QUESTION_LINK.sub(lambda m: f'href="{question_url(m.group(1))}{m.group(2) or ""}"', out)
    return _EXTERNAL_LINK.sub(r'\1 rel="noopener">', out)
