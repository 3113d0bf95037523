"""What search engines and link previews read, in the built fixture site: absolute URLs everywhere."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

QUESTIONS = ("data-skew", "class-imbalance", "overfitting")


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self.lang = ""
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "link":
            self.links.append(a)
        elif tag == "meta" and a.get("content") is not None:
            self.meta[a.get("property") or a.get("name") or ""] = a["content"]
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_jsonld = False


def head(site, path: str) -> Head:
    parser = Head()
    parser.feed((site.root / path / "index.html").read_text(encoding="utf-8"))
    return parser


def alternates(h: Head) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in h.links if link.get("rel") == "alternate" and "hreflang" in link}


@pytest.mark.parametrize("qid", QUESTIONS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_question_pages_have_absolute_canonical_hreflang_and_open_graph(fixture_site, qid, lang):
    prefix = "" if lang == "zh" else "en/"
    h = head(fixture_site, f"{prefix}qa/{qid}")
    url = f"{fixture_site.url}{prefix}qa/{qid}/"
    assert {"rel": "canonical", "href": url} in h.links
    assert alternates(h) == {
        "zh": f"{fixture_site.url}qa/{qid}/",
        "en": f"{fixture_site.url}en/qa/{qid}/",
        "x-default": f"{fixture_site.url}qa/{qid}/",
    }
    assert h.meta["og:url"] == url
    assert h.meta["og:type"] == "article"
    assert h.meta["og:locale"] == ("zh_CN" if lang == "zh" else "en_US")
    assert h.meta["og:title"] and h.meta["og:description"] == h.meta["description"]


def test_open_graph_is_in_the_language_of_the_page(fixture_site):
    zh, en = head(fixture_site, "qa/data-skew"), head(fixture_site, "en/qa/data-skew")
    assert zh.meta["og:title"] == "分布式训练中的数据倾斜是什么？如何处理？"
    assert en.meta["og:title"] == "What is data skew in distributed training, and how do you fix it?"
    assert en.meta["og:description"].startswith("Data skew means the work is spread unevenly")
    assert en.meta["og:site_name"] == "LLM Engineering Interview Knowledge Base"
    assert zh.meta["og:site_name"] == "大模型工程面试知识库"


@pytest.mark.parametrize(("path", "in_language", "name"), [
    ("qa/data-skew", "zh-Hans", "分布式训练中的数据倾斜是什么？如何处理？"),
    ("en/qa/data-skew", "en", "What is data skew in distributed training, and how do you fix it?"),
    ("en/qa/class-imbalance", "zh-Hans", "如何处理类别不平衡问题？"),  # not translated yet: the text is Chinese
])
def test_question_pages_carry_faq_structured_data(fixture_site, path, in_language, name):
    h = head(fixture_site, path)
    assert len(h.jsonld) == 1
    data = json.loads(h.jsonld[0])
    assert data["@type"] == "FAQPage" and data["inLanguage"] == in_language
    assert data["url"] == fixture_site.url + path + "/"
    question = data["mainEntity"][0]
    assert question["@type"] == "Question" and question["name"] == name
    assert question["text"] and question["acceptedAnswer"]["text"]
    assert "**" not in question["acceptedAnswer"]["text"]  # plain text, not Markdown


def test_other_pages_have_no_structured_data_but_absolute_alternates(fixture_site):
    for path in ("", "en", "category/data", "en/tags", "glossary"):
        h = head(fixture_site, path)
        assert h.jsonld == [], path
        assert all(href.startswith(fixture_site.url) for href in alternates(h).values()), path
        assert h.meta["og:type"] == "website"
        assert h.meta["description"]


def test_home_page_title_names_the_site_once(fixture_site):
    html = (fixture_site.root / "en/index.html").read_text(encoding="utf-8")
    assert "<title>LLM Engineering Interview Knowledge Base</title>" in html


def test_sitemap_lists_both_languages_with_alternates(fixture_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(fixture_site.root / "sitemap.xml")
    locs = {u.findtext("s:loc", namespaces=ns): u for u in tree.getroot().findall("s:url", ns)}
    for qid in QUESTIONS:
        for url in (f"{fixture_site.url}qa/{qid}/", f"{fixture_site.url}en/qa/{qid}/"):
            assert url in locs
            links = {link.get("hreflang"): link.get("href") for link in locs[url].findall("x:link", ns)}
            assert links == {"zh": f"{fixture_site.url}qa/{qid}/", "en": f"{fixture_site.url}en/qa/{qid}/"}


def test_sitemap_leaves_out_the_pages_marked_noindex(fixture_site):
    xml = (fixture_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((fixture_site.root / "sitemap.xml.gz").read_bytes()).decode("utf-8") == xml
    locs = re.findall(r"<loc>([^<]*)</loc>", xml)
    noindex = [path.parent.relative_to(fixture_site.root).as_posix() for path in fixture_site.root.rglob("index.html")
               if '<meta name="robots" content="noindex">' in path.read_text(encoding="utf-8")]
    assert any(p.startswith("print/") for p in noindex) and any(p.startswith("en/print/") for p in noindex)
    assert not [p for p in noindex if f"{fixture_site.url}{p}/" in locs]
    assert f"{fixture_site.url}tracks/" in locs and f"{fixture_site.url}en/category/systems/" in locs


def test_search_indexes_hold_the_question_pages_of_each_language(fixture_site):
    entry = json.loads((fixture_site.root / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {"zh": len(QUESTIONS),
                                                                                      "en": len(QUESTIONS)}


def test_random_question_lists_per_language(fixture_site):
    zh = json.loads((fixture_site.root / "qa/index.json").read_text(encoding="utf-8"))
    en = json.loads((fixture_site.root / "en/qa/index.json").read_text(encoding="utf-8"))
    assert zh == [f"qa/{qid}/" for qid in sorted(QUESTIONS)]
    assert en == ["qa/data-skew/", "qa/overfitting/"]  # class-imbalance is not translated yet


def test_missing_address_answers_404_with_the_404_page(fixture_site):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(fixture_site.url + "qa/gone/", timeout=10)
    assert error.value.code == 404
    body = error.value.read().decode("utf-8")
    assert "页面不存在" in body and "Page not found" in body
    # GitHub Pages serves /404.html at any depth: its links and assets must not be relative.
    assert not re.search(r'(?:href|src)="\.\.?/', body)
