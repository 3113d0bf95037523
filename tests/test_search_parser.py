"""kb.search_parser reports what HTMLParser reports, or declines: on every real question page and odd HTML."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.search_parser import events, replay
from kb.search_view import search_view
from tests.conftest import REPO


class Recorder(HTMLParser):
    """HTMLParser as Material's search plugin uses it (convert_charrefs=True), recording its events."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.seen.append(("startend", tag, attrs))

    def handle_endtag(self, tag):
        self.seen.append(("end", tag))

    def handle_data(self, data):
        self.seen.append(("data", data))


def htmlparser_events(html: str) -> list[tuple]:
    parser = Recorder()
    parser.feed(html)
    parser.close()
    return parser.seen


def replayed(html: str) -> list[tuple]:
    parser = Recorder()
    replay(parser, events(html))
    return parser.seen


@pytest.fixture(scope="module")
def real_question_pages() -> list[str]:
    """What the search plugin parses of every real question page, both languages (kb.pagebody, kb.search_view)."""
    from kb.render import GeneratedPage
    from kb.site import build

    site = build(REPO / "content")
    pages = [render() for path, render in site.plan.items() if "/qa/" in f"/{path}"]
    return [search_view(p.source.html()) for p in pages if isinstance(p, GeneratedPage) and not isinstance(p.source, str)]


def test_every_real_question_page_gives_htmlparsers_events(real_question_pages):
    assert len(real_question_pages) >= 200
    for html in real_question_pages:
        found = events(html)
        assert found is not None, html[:200]  # no page falls back to HTMLParser
        assert found == htmlparser_events(html)
        assert replayed(html) == found


@pytest.mark.parametrize("html", [
    '<p class="a &amp; b" id=\'x\' hidden>Tom &amp; Jerry &lt;3 &#39;q&#39;</p>',
    '<br /><hr/><img src="a.png" alt="x &gt; y" /><p/>',
    "<!-- end list --><UL><Li>x</LI></ul>tail &amp;",
    '<h2 data-search-exclude id="related">R<a class="headerlink" href="#related" title="Permanent link">¶</a></h2>',
    "<pre><code>a  \n\n  b &lt; c</code></pre>\n\n<p>\n</p>",
    '<a href="x" title="">empty</a><span lang="zh-Hans">中文，“引号”</span>',
    "text only, no tags & no reference",
    "",
])
def test_odd_html_gives_htmlparsers_events(html):
    assert events(html) == htmlparser_events(html)


@pytest.mark.parametrize("html", [
    "<script>if (a < b) {}</script>",   # raw text
    "<style>p > a {}</style>",
    "<!DOCTYPE html><p>x</p>",          # declaration
    "a < b",                            # a < that starts no tag
    "<a href=x>y</a>",                  # unquoted attribute
    "</ p>",                            # space in an end tag
    "<!-- a -- > b -->",                # HTMLParser ends this comment early
    "<p",                               # unclosed
])
def test_anything_else_is_left_to_htmlparser(html):
    assert events(html) is None


_TAGS = st.sampled_from(["p", "a", "li", "ul", "code", "pre", "h2", "span", "br", "div", "sup", "em"])
_TEXT = st.text(alphabet=st.sampled_from(list("ab 中文\n&;<>/=\"'#!-")), max_size=12)
_ATTR = st.tuples(st.sampled_from(["id", "class", "href", "title", "data-search-exclude", "LANG"]),
                  st.one_of(st.none(), _TEXT.filter(lambda t: '"' not in t)))


def _start(tag: str, attrs: list, close: bool) -> str:
    rendered = "".join(f" {k}" if v is None else f' {k}="{v}"' for k, v in attrs)
    return f"<{tag}{rendered}{' /' if close else ''}>"


_PIECE = st.one_of(
    _TEXT,
    st.builds(_start, _TAGS, st.lists(_ATTR, max_size=3), st.booleans()),
    _TAGS.map(lambda t: f"</{t}>"),
    _TEXT.filter(lambda t: "--" not in t and not t.endswith("-")).map(lambda t: f"<!--{t}-->"),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECE, max_size=12).map("".join))
def test_random_html_gives_htmlparsers_events_or_is_declined(html):
    found = events(html)
    if found is not None:
        assert found == htmlparser_events(html)
