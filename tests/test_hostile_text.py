"""Hostile content text that the lint does not look at (names, descriptions, titles, terms, notes):
wherever kb puts it into Markdown or HTML it stays text. It adds no element and no attribute, and every
character of it is shown.

The Markdown is converted as a build converts it: Python-Markdown with the extensions of mkdocs.yml.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.render.markdown import Glossary, Term, escape, link_terms
from kb.render.answer_html import to_html
from kb.site import build

REPO = Path(__file__).parent.parent


def _extensions() -> tuple[list, dict]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/...: not needed here
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        name, options = next(iter(ext.items())) if isinstance(ext, dict) else (ext, None)
        names.append(name)
        if options:
            configs[name] = {k: v for k, v in options.items() if v is not None}
    return names, configs


EXTENSIONS = _extensions()


def convert(text: str) -> str:
    names, configs = EXTENSIONS
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(text)


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    return tree


HOSTILE = [
    'Name { id="__config" }',
    'Name {: .md-typeset style="position:fixed;inset:0;background:url(https://tracker.example/p.png)" }',
    "Name {#top .x onclick=alert(1)}",
    "<img src=https://tracker.example/p.png> &lt;b&gt; &amp; &#123;",
    "![x](https://tracker.example/p.png) [y](javascript:alert(1)) <https://tracker.example>",
    "**bold** _em_ `code` ~~del~~ ==mark== ^^ins^^ ++ctrl++ :smile:",
    "    four spaces: a code block",
    "!!! note \"admonition\"",
    "- list\n1. list\n> quote\n# heading\n---\n===\n| a | b |\n|---|---|\n```\nfence\n```",
    "line\r\nbreak\u2028and\x85more",
    "trailing backslash \\",
    "<div markdown=\"1\">md_in_html</div>",
    "[^1] and [ref] and [ref]: https://tracker.example/p.png",
    "\\{ escaped \\} \\\\{ id=\"x\" }",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_is_one_paragraph_of_its_own_text(text: str):
    tree = parse(convert(escape(text)))
    assert tree.tags == [("p", {})]
    assert tree.text == re.sub(r"[\r\n\u2028\x85]", " ", text).strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_in_a_heading_with_its_own_attribute_list(text: str):
    tree = parse(convert(f"## {escape(text)} {{ #fixed }}\n"))
    assert tree.tags[0] == ("h2", {"id": "fixed"})
    assert [tag for tag, _ in tree.tags[1:]] == ["a"]  # the toc's permalink, nothing from the text
    assert tree.text.removesuffix("¶") == re.sub(r"[\r\n\u2028\x85]", " ", text).strip()


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.sampled_from(list("{}[]()<>&#*_`!|\\-+.:=~^\"' \n\tax;/")), max_size=40))
def test_any_punctuation_stays_text(text: str):
    tree = parse(convert(f"# {escape(text)}\n\n{escape(text)}\n"))
    assert [tag for tag, _ in tree.tags] == (["h1", "a", "p"] if text.strip() else ["h1", "a"])[:len(tree.tags)]
    for tag, attrs in tree.tags:
        assert set(attrs) <= ({"id"} if tag == "h1" else {"class", "href", "title"} if tag == "a" else set())


def test_glossary_tooltip_is_one_title_attribute():
    """A definition ending in a backslash or holding quotes and brackets stays the link's title."""
    definition = 'Says "hi" (really) [x] <b> \\'
    terms = Glossary((Term("kv", ("KV cache",), definition),))
    html = to_html(link_terms("The KV cache grows.", terms, "../../glossary/", set()))
    tree = parse(html)
    assert tree.tags == [("p", {}), ("a", {"href": "../../glossary/#kv", "title": definition})]
    assert tree.text.strip() == "The KV cache grows."


def test_glossary_link_text_with_brackets_stays_one_link():
    terms = Glossary((Term("br", ("a]b",), "d"),))
    tree = parse(to_html(link_terms("x a]b y", terms, "../../glossary/", set())))
    assert tree.tags == [("p", {}), ("a", {"href": "../../glossary/#br", "title": "d"})]
    assert tree.text.strip() == "x a]b y"


MARK = "kbxss"


def test_generated_pages_take_no_attribute_or_element_from_content(content_dir: Path):
    """Category name and description, tag, glossary term, definition and alias, question title: each
    hostile, each ending in an attribute list; no generated page gets an attribute or element from them."""
    hostile = f'{MARK} <i>{MARK}</i> {{ id="{MARK}" .{MARK} style="color:red" onclick="{MARK}" }}'
    cats = yaml.safe_load((content_dir / "categories.yml").read_text(encoding="utf-8"))
    for cat in cats["categories"]:
        for lang in ("zh", "en"):
            cat[lang] = {"name": cat[lang]["name"] + hostile, "description": cat[lang]["description"] + hostile}
    (content_dir / "categories.yml").write_text(yaml.safe_dump(cats, allow_unicode=True), encoding="utf-8")
    terms = yaml.safe_load((content_dir / "glossary.yml").read_text(encoding="utf-8"))
    for term in terms["terms"]:
        for lang in ("zh", "en"):
            term[lang] = {"term": term[lang]["term"] + hostile, "definition": term[lang]["definition"] + hostile,
                          "aliases": [f"alias {hostile}"]}
    (content_dir / "glossary.yml").write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")
    site = build(content_dir)
    checked = 0
    for page in site.pages:
        text = page.markdown.split("\n---\n", 1)[1] if page.markdown.startswith("---\n") else page.markdown
        if page.body is not None:
            html = page.body.html()
        else:
            html = convert(text)
        for tag, attrs in parse(html).tags:
            assert tag != "i", page.path
            for name, value in attrs.items():
                assert MARK not in name and MARK not in (value or "") or (tag, name) in (("a", "title"),), \
                    (page.path, tag, name, value)
        checked += MARK in html
    assert checked >= 6  # the category, home and glossary pages of both languages show the text


LOADS_FROM_ELSEWHERE = [
    '<img src="https://tracker.example/p.png" alt="a">',
    '<img src="//tracker.example/p.png">',
    '<img src="https:tracker.example/p.png">',
    '<img src=" \\\\tracker.example/p.png">',
    '<img src="x.png" srcset="https://tracker.example/p.png 2x">',
    '<picture><source srcset="https://tracker.example/p.png"><img src="x.png"></picture>',
    '<video poster="https://tracker.example/p.png" src="https://tracker.example/v.mp4"></video>',
    '<audio src="https://tracker.example/a.mp3"></audio>',
    '<link rel="stylesheet" href="https://tracker.example/s.css">',
    '<link rel="prefetch" href="https://tracker.example/">',
    '<iframe src="https://tracker.example/"></iframe>',
    '<object data="https://tracker.example/o"></object><embed src="https://tracker.example/e">',
    '<svg><use href="https://tracker.example/i.svg#x"></use><image href="https://tracker.example/i.png"/></svg>',
    '<svg><use xlink:href="https://tracker.example/i.svg#x"></use></svg>',
    '<p style="background:url(https://tracker.example/p.png)">x</p>',
    '<p style="background:u\\72l(https://tracker.example/p.png)">x</p>',
    '<div background="https://tracker.example/p.png">x</div>',
    '<input type="image" src="https://tracker.example/p.png">',
    '<a href="https://ok.example/" ping="https://tracker.example/">x</a>',
    '<a href="https://ok.example/" rel="prefetch preload">x</a>',
    '<meta http-equiv="refresh" content="0;url=https://tracker.example/">',
    '<base href="https://tracker.example/"><img src="x.png">',
]


@pytest.mark.parametrize("dirty", LOADS_FROM_ELSEWHERE)
def test_sanitiser_keeps_nothing_that_loads_from_another_host(dirty: str):
    from kb.render.safety import sanitize_html

    clean = sanitize_html(dirty)
    for tag, attrs in parse(clean).tags:
        assert tag in ("p", "div", "img", "svg", "use", "a", "input"), clean
        for name, value in attrs.items():
            if tag == "a" and name == "href":
                continue  # a link: followed only when the reader clicks it
            assert "tracker" not in (value or "") and name not in ("srcset", "ping", "poster"), clean
            if name == "rel":
                assert set(value.split()) <= {"noopener"}, clean


def test_sanitiser_keeps_images_and_icons_of_the_site():
    from kb.render.safety import sanitize_html

    clean = sanitize_html('<img src="../x.png" alt="a"><svg><use href="#icon"></use></svg>'
                          '<a href="https://ok.example/" rel="nofollow">x</a>')
    assert '<img src="../x.png" alt="a">' in clean and '<use href="#icon">' in clean
    assert 'rel="nofollow noopener"' in clean


def test_an_answer_image_from_another_host_is_its_alt_text():
    out = to_html('![a <pixel>](https://tracker.example/p.png "t") ![b][r] ![c](//tracker.example/c.png)'
                  ' ![local](data:image/png;base64,iVBORw0KGgo=)\n\n[r]: https:tracker.example/r.png\n')
    assert "tracker" not in out
    assert out.startswith("<p>a &lt;pixel&gt; b c <img src=\"data:image/png")
