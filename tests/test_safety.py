"""Content cannot inject script into the site: the pure sanitiser, then a real build of hostile content."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb.render.safety import escape_meta, sanitize_html, url_is_safe
from tests.test_site_build import build as mkdocs_build


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:x", "\x01javascript:x", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x", "file:///etc/passwd",
])
def test_unsafe_urls(url: str):
    assert not url_is_safe(url)


@pytest.mark.parametrize("url", ["https://a.org/x", "http://a.org", "mailto:a@b.c", "../qa/x/", "#answer", "x.md", ""])
def test_safe_urls(url: str):
    assert url_is_safe(url)


@pytest.mark.parametrize("dirty, clean", [
    ('<p>a<script>alert(1)</script>b</p>', "<p>ab</p>"),
    ('<iframe src="https://e.org"><p>x</p></iframe>ok', "ok"),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<a href="&#106;avascript:alert(1)">x</a>', "<a>x</a>"),
    ('<a href="javascript&#58;alert(1)">x</a>', "<a>x</a>"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="i" />', '<img alt="i">'),
    ('<a href="https://e.org">x</a>', '<a href="https://e.org" rel="noopener">x</a>'),
    ('<a href="https://e.org" rel="nofollow">x</a>', '<a href="https://e.org" rel="nofollow noopener">x</a>'),
    ('<a href="../x/">x</a>', '<a href="../x/">x</a>'),
    ('<p style="background:url(javascript:x)">x</p>', "<p>x</p>"),
    ('<table><tr><td style="text-align: left;">x</td></tr></table>',
     '<table><tbody><tr><td style="text-align: left;">x</td></tr></tbody></table>'),
    ('<p style="color: red">x</p>', '<p style="color: red">x</p>'),
    ('<p style="background: u\\72l(javascript:x)">x</p>', "<p>x</p>"),
    ('<svg><a xlink:href="javascript:x">y</a></svg>', "<svg><a>y</a></svg>"),
    # as a browser parses them: <noscript> is text up to its end tag, CDATA is a comment up to the first '>'
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>z', '<img src="x">"&gt;<p></p>z'),
    ('<![CDATA[ x > <img src=x onerror=alert(1)> ]]>t', ' <img src="x"> ]]&gt;t'),
    ('<p title="<!-- material/tags -->">t</p><!-- material/tags {x" onclick="y} -->',
     '<p title="&lt;!-- material/tags --&gt;">t</p>'),
    ('<p>t</p><!-- material/tags --><!-- material/tags -->', '<p>t</p><!-- material/tags --><!-- material/tags -->'),
    ('<p title="<a href=&quot;https://e.org&quot;>">t</p>', '<p title="&lt;a href=&quot;https://e.org&quot;&gt;">t</p>'),
    ('<a href="https://e.org" rel="nofollow noopener">x</a>', '<a href="https://e.org" rel="nofollow noopener">x</a>'),
    ('<a href="//e.org" title="a &quot;b&quot;">x</a>',
     '<a href="//e.org" title="a &quot;b&quot;" rel="noopener">x</a>'),
    ('<!-- a --> <!-- material/tags -->', " <!-- material/tags -->"),
    ('<p>&lt;script&gt; &amp; &para;</p>', "<p>&lt;script&gt; &amp; ¶</p>"),
    ('<form action="javascript:x"><button formaction="javascript:y">b</button></form>',
     "<form><button>b</button></form>"),
    ('<meta http-equiv="refresh" content="0;url=javascript:x"><base href="https://e.org/">t', "t"),
    ('<a href="x" onclick="alert(1)" ONMOUSEOVER="y">x</a>', '<a href="x">x</a>'),
])
def test_sanitize_html(dirty: str, clean: str):
    assert sanitize_html(dirty) == clean


@pytest.mark.parametrize("dirty", [
    '<svg><animate attributeName="href" values="javascript:alert(1)" /></svg>',
    '<svg><a><animate attributeName="href" values="javascript:alert(1)"></animate><text>t</text></a></svg>',
    '<svg><a><set attributeName="href" to="javascript:alert(1)" /><text>t</text></a></svg>',
    '<svg><animateMotion values="javascript:alert(1)" /></svg>',
    '<svg><animateTransform attributeName="href" from="javascript:x" to="javascript:alert(1)" /></svg>',
    '<svg><a><animate attributeName="xlink:href" from="javascript:x" to="javascript:alert(1)" /></a></svg>',
])
def test_sanitize_drops_svg_animations_that_set_urls(dirty: str):
    # SVG animation elements set an attribute (href) to a value the sanitiser never sees as a URL
    clean = sanitize_html(dirty)
    assert "javascript" not in clean.lower() and not re.search(r"<(animate|set)", clean, re.I), clean


class _Tokens(HTMLParser):
    """The tokens of an HTML text, whatever its serialisation (`<br>` or `<br />`, `disabled` or `disabled=""`)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tokens.append((tag, sorted((n, v or "") for n, v in attrs)))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tokens.append("/" + tag)

    def handle_data(self, data):
        self.tokens.append(data)


def test_sanitize_keeps_ordinary_markdown_output():
    html = ('<h2 id="answer">答案<a class="headerlink" href="#answer" title="Permanent link">¶</a></h2>\n'
            '<div class="admonition question">\n<p class="admonition-title">问题</p>\n<p>a &amp; b</p>\n</div>\n'
            '<ul>\n<li><a href="../data-skew/">数据倾斜</a></li>\n</ul>\n<pre><code>x = 1 &lt; 2\n</code></pre>\n'
            '<input type="checkbox" disabled checked />')
    assert _Tokens(sanitize_html(html)).tokens == _Tokens(html).tokens


def test_escape_meta_escapes_title_and_tags():
    meta = escape_meta({"title": '</title><script>x</script> & "q"', "description": "<b>", "tags": ["<b>", "ok"],
                        "kb": {"id": "x"}})
    assert meta == {"title": "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; &#34;q&#34;",
                    "description": "&lt;b&gt;", "tags": ["&lt;b&gt;", "ok"], "kb": {"id": "x"}}
    assert escape_meta(meta)["title"] == meta["title"]  # Markup: escaping twice changes nothing


# --- built HTML ------------------------------------------------------------------------------

HOSTILE_TITLE = '过拟合</title><script>alert("t1")</script>" onload="alert(\'t2\')'
HOSTILE_ANSWER = """|
    过拟合 "quoted" onfocus="alert('d1')" & <b>bold</b> <img src=x onerror=alert('a1')>

    [nested [b]](javascript:alert('a2')) and [ok](https://example.com){ onclick="alert('a3')" }

    [ent](&#106;avascript:alert('a4')) [ent2](javascript&#58;alert('a5')) [ref] <javascript:alert('a6')>

    [ref]: javascript:alert('a7')

    ![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoJ2E4Jyk+)

    <iframe src="javascript:alert('a9')"></iframe><script>alert('a10')</script>

    ### &lt;img src=x onerror=alert('a11')&gt;

    [external](https://arxiv.org/abs/1706.03762)
"""
# Bypasses kb's lint, as a Markdown construct the lint does not know would: the output side alone must hold.
NOLINT_HOOK = "import kb.checks.run\nkb.checks.run.lint = lambda text, ids: []\n"


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.script: str | None = None
        self.title = ""
        self.in_title = False
        self.external: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if (value and re.match(r"\s*(javascript|data|vbscript):", value, re.I)
                    and name in ("href", "src", "action", "formaction")):
                self.problems.append(f"<{tag} {name}={value[:30]}>")
        if tag in ("iframe", "object", "embed", "base", "frame"):
            self.problems.append(f"<{tag}>")
        if tag == "script" and a.get("type") not in ("application/json", "application/ld+json"):
            self.script = ""
        if tag == "title":
            self.in_title = True
        if tag == "a" and (a.get("href") or "").startswith("https://arxiv.org"):
            self.external.append(a)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            if "alert(" in self.script:
                self.problems.append(f"<script>{self.script[:40]}")
            self.script = None
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.script is not None:
            self.script += data
        if self.in_title:
            self.title += data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from tests.conftest import REPO, copy_project

    root = tmp_path_factory.mktemp("hostile") / "src"
    root.mkdir()
    copy_project(root)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - hooks/nolint.py\n", 1), encoding="utf-8")
    (root / "hooks" / "nolint.py").write_text(NOLINT_HOOK, encoding="utf-8")
    path = root / "content/qa/overfitting.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  title: 什么是过拟合？\n", f"  title: '{HOSTILE_TITLE.replace(chr(39), chr(39) * 2)}'\n", 1)
    start = text.index("  answer: |\n")
    end = text.index("en:\n")
    path.write_text(text[:start] + "  answer: " + HOSTILE_ANSWER + text[end:], encoding="utf-8")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_built_pages_run_no_content_script(hostile_site: Path):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        assert scan.problems == [], page.relative_to(hostile_site)


def test_hostile_title_is_text_everywhere(hostile_site: Path):
    scan = _Scan()
    scan.feed((hostile_site / "qa/overfitting/index.html").read_text(encoding="utf-8"))
    assert scan.title.startswith(HOSTILE_TITLE)  # the whole title is text inside <title>
    # the category page lists it, escaped, and the search index holds it as text
    category = (hostile_site / "category/generalization/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in category and 'alert("t1")</script>' not in category


def test_external_links_get_noopener_and_open_normally(hostile_site: Path):
    scan = _Scan()
    scan.feed((hostile_site / "qa/overfitting/index.html").read_text(encoding="utf-8"))
    assert scan.external, "the external link is kept"
    for a in scan.external:
        assert "noopener" in (a.get("rel") or "").split()
        assert "target" not in a


def test_visible_text_survives(hostile_site: Path):
    html = (hostile_site / "qa/overfitting/index.html").read_text(encoding="utf-8")
    # text, not an attribute (cmark-gfm writes the quotes of text as &quot;)
    assert '过拟合 &quot;quoted&quot; onfocus=&quot;alert(\'d1\')&quot; &amp; ' in html
    assert ">nested [b]</a>" in html
