"""Hostile content, tried as an attacker would, in a real browser: every page of both languages of a site
built from tests/data/hostile.

tests/data/hostile is the fixture content (tests/data/content) with hostile text that ``kb check``
accepts in every field that reaches a page: category names and descriptions, tag names, glossary terms,
aliases and definitions, question titles, aliases, question, answer and analysis text, related-question
notes, and references. The text tries raw HTML (``<img src=... onerror=...>``, ``<script>``), attribute
lists (``{ #id .class style=... onclick=... }``), images and styles from another host, ``javascript:``
links and Markdown of every kind. Each field's text carries its own marker (``kbx<field><lang>``).

A page fails when the browser asks another host for anything, logs an error or throws, or when an
element has an attribute that content supplied: a marker in an attribute name, in ``id``, ``class``,
``style`` or an ``on*`` handler, or in any other attribute but those that carry text for people
(``title``, ``aria-label``, ``alt``, ``content`` of ``<meta>``) and links (``href`` of ``<a>``).
The one exception is the tags listing of Material's tags plugin: its anchors are ``tag:`` and the
slug of the tag's name, a prefix no template uses for anything else.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import Problems
from tests.browser.site import REPO, Server, project, start_build

HOSTILE = REPO / "tests/data/hostile"
MARK = "kbx"
# Attributes whose value is text to show: escaped in the attribute, shown as text (kb.js copies a glossary
# link's title into data-definition and shows it with textContent on a tap).
TEXT_ATTRIBUTES = {"title", "aria-label", "alt", "data-definition"}

# Every element's attributes that hold a marker, as [tag, name, value]; the JSON-LD blocks that do not parse.
SCAN = """mark => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.includes(mark) || attr.value.includes(mark)) found.push([el.localName, attr.name, attr.value]);
    }
  }
  const badJson = [];
  for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    try { JSON.parse(s.textContent); } catch (e) { badJson.push(s.textContent.slice(0, 80)); }
  }
  const scripts = [...document.querySelectorAll("script")].filter(s => s.type !== "application/ld+json"
    && s.type !== "application/json" && s.textContent.includes(mark)).length;
  return {found, badJson, scripts};
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Server:
    root = tmp_path_factory.mktemp("hostile") / "project"
    server = Server(root / "site")
    build = start_build(project(root, HOSTILE), server.url)
    _, stderr = build.communicate(timeout=900)
    assert build.returncode == 0, f"mkdocs build of the hostile site failed:\n{stderr}"
    server.start()
    yield server
    server.stop()
    shutil.rmtree(root, ignore_errors=True)


TABS = 6  # pages loaded at once


def _pages(site: Path) -> list[str]:
    """Every page of the built site, both languages: addresses relative to the site root."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def _allowed(tag: str, name: str, value: str, origin: str) -> bool:
    if MARK in name or name in ("id", "class", "style") or name.startswith("on"):
        return tag == "h2" and name == "id" and value.startswith("tag:")  # Material's tags listing
    if name in TEXT_ATTRIBUTES or (tag == "meta" and name == "content"):
        return True
    if tag == "a" and name == "href":
        parts = urlsplit(value)
        if parts.scheme in ("http", "https") and parts.netloc and not value.startswith(origin):
            return True  # a link the reader may follow, to a page the content names (kb check allows)
        return MARK not in (parts.path + parts.query) and (parts.fragment or "").startswith("tag:")
    return False


def test_hostile_content_stays_text_on_every_page(hostile_site: Server, page):
    site = hostile_site.root
    origin = hostile_site.url.rstrip("/")
    host = urlsplit(hostile_site.url).netloc
    pages = _pages(site)
    assert len(pages) >= 30 and "en/" in pages and "" in pages
    elsewhere: list[str] = []
    page.context.on("request", lambda request: urlsplit(request.url).scheme in ("http", "https")
                    and urlsplit(request.url).netloc != host and elsewhere.append(request.url))
    problems: list[str] = []
    marked_pages = 0
    # A few tabs at a time: each page is watched until the network has been idle for 500 ms (a request made
    # after the load event counts too), and the tabs wait out those 500 ms together.
    tabs = [page] + [page.context.new_page() for _ in range(TABS - 1)]
    watched = [page.problems] + [Problems(tab) for tab in tabs[1:]]
    for watch in watched:
        watch.allowed.append("/404.html")  # the 404 page is served with status 404
    for start in range(0, len(pages), TABS):
        batch = list(zip(tabs, pages[start:start + TABS]))
        for tab, rel in batch:
            tab.goto(hostile_site.url + rel, wait_until="commit")
        for tab, rel in batch:
            tab.wait_for_load_state("networkidle")
            result = tab.evaluate(SCAN, MARK)
            for tag, name, value in result["found"]:
                if not _allowed(tag, name, value, origin):
                    problems.append(f"/{rel}: <{tag} {name}={value[:100]!r}>")
            problems += [f"/{rel}: JSON-LD does not parse: {text!r}" for text in result["badJson"]]
            if result["scripts"]:
                problems.append(f"/{rel}: {result['scripts']} script element(s) hold content text")
            marked_pages += MARK in tab.locator("body").inner_text()
    problems += [item for watch in watched[1:] for item in watch.items]
    assert elsewhere == [], "requests to other hosts:\n" + "\n".join(elsewhere)
    assert problems == [], "\n".join(problems)
    assert marked_pages >= len(pages) - 6  # the hostile text is on (nearly) every page, shown as text


@pytest.mark.parametrize("rel, lang", [("category/data/", "zh"), ("en/category/data/", "en")])
def test_category_name_with_markup_is_shown_as_written(hostile_site: Server, page, rel: str, lang: str):
    """The name holds an <img> and ends in an attribute list: the heading shows it all."""
    page.goto(hostile_site.url + rel)
    heading = page.locator("h1").first
    text = heading.inner_text()
    mark = f"kbxcatname{lang}"
    assert f"{mark}<img src=//t.example/{mark}>{{ #{mark}" in text
    assert text.rstrip("¶ \n").endswith(f'{{ id="kbxcatid{lang}" .kbxcatcls{lang} }}')
    assert heading.get_attribute("id") == "category-title"
    assert heading.locator("*").count() <= 1  # the permalink anchor at most: nothing from the name


def test_glossary_tooltip_is_the_whole_definition(hostile_site: Server, page):
    page.goto(hostile_site.url + "en/qa/overfitting/")
    link = page.locator('.kb-answer a[href$="#mentioned-term"]').first
    title = link.get_attribute("title")
    assert title.startswith("kbxmentiondefen <img src=") and title.endswith(":smile: !!! note {: #kbxmentiondefenx }")
    assert link.inner_text() == "kbxmention { .kbxmentioncls }"
    assert json.loads(page.locator('script[type="application/ld+json"]').text_content())["@type"] == "FAQPage"
    assert not re.search(r"kbx\w*\.png", "".join(page.evaluate("[...document.images].map(i => i.src)")))
