"""Random-question lists, hreflang and structured data: the pure parts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kb.content.loader import load
from kb.publish import prune_sitemap, random_lists
from kb.render.seo import absolute, alternates, faq_jsonld, plain_text
from kb.site import build


def test_random_lists_hold_translated_questions_per_language(content_dir: Path):
    content, _ = load(content_dir)
    lists = random_lists(content)
    assert lists["zh"] == ["qa/class-imbalance/", "qa/data-skew/", "qa/overfitting/"]
    assert lists["en"] == ["qa/data-skew/", "qa/overfitting/"]


def test_alternates_are_absolute_with_x_default():
    site = "https://example.org/kb/"
    assert absolute(site, "en/qa/a/") == "https://example.org/kb/en/qa/a/"
    assert absolute(site, "/kb/en/") == "https://example.org/kb/en/"  # static-i18n's language roots
    assert absolute(site, "/kb/") == "https://example.org/kb/"
    assert absolute("https://example.org", "./") == "https://example.org/"
    assert alternates(site, [{"lang": "zh", "link": "qa/a/"}, {"lang": "en", "link": "en/qa/a/"}]) == [
        {"lang": "zh", "href": "https://example.org/kb/qa/a/"},
        {"lang": "en", "href": "https://example.org/kb/en/qa/a/"},
        {"lang": "x-default", "href": "https://example.org/kb/qa/a/"},
    ]


def test_structured_data_is_plain_text_and_cannot_close_its_script_element():
    faq = {"lang": "en", "question": "Why </script><b>?", "answer": plain_text("**Bold** `code` and [a link](https://x.org).")}
    text = faq_jsonld(faq, "Q & A", "https://example.org/qa/x/")
    assert "</script>" not in text and "<" not in text
    data = json.loads(text)
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Bold code and a link."
    assert data["mainEntity"][0]["text"] == "Why </script><b>?"
    assert data["name"] == "Q & A" and data["inLanguage"] == "en"


def test_question_pages_show_aliases_and_carry_the_reader_controls(content_dir: Path):
    pages = {p.path: p.markdown for p in build(content_dir).pages}
    zh, en = pages["qa/data-skew.md"], pages["qa/data-skew.en.md"]
    # kb-spoiler: interview mode hides the aliases with the answers (they can give it away)
    assert ('<p class="kb-aliases kb-spoiler" data-pagefind-weight="7">又称：'
            '<span data-pagefind-meta="aliases">负载不均衡</span></p>') in zh
    assert ('<p class="kb-aliases kb-spoiler" data-pagefind-weight="7">Also known as: '
            '<span data-pagefind-meta="aliases">load imbalance</span></p>') in en
    # the other language's title for search (readers type English terms on Chinese pages), never shown
    assert '<p class="kb-search-terms" data-pagefind-weight="5"><span data-pagefind-meta="also">' in zh
    assert "loadimbalance" in zh
    assert '<div class="kb-mode" lang="en" data-hide="Hide answers (answer first yourself)"' in en
    # the random question of a question page comes from its category (kb.js reads the category page)
    assert ('<div class="kb-random" lang="zh-Hans" data-label="随机一题" '
            'data-source="../../category/systems/"></div>') in zh
    # each part of the answer has its own show/hide words (kb.js builds the buttons)
    assert '<div class="kb-answer" data-show="显示答案" data-hide="隐藏答案">' in zh
    assert '<div class="kb-answer" data-show="Show the analysis" data-hide="Hide the analysis">' in en
    # related questions' notes are marked: interview mode hides them
    assert '<span class="kb-spoiler"> — ' in zh
    assert "faq:\n    lang: en\n    question: In distributed training" in en
    untranslated = pages["qa/class-imbalance.en.md"]
    assert "faq:\n    lang: zh-Hans" in untranslated
    assert '<span data-pagefind-meta="aliases">数据不平衡、样本不均衡</span>' in untranslated


def test_search_terms_lead_a_concept_name_to_its_question(content_dir: Path):
    from kb.publish import search_terms, term_key

    glossary = content_dir / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + """\
  - id: data-skew
    zh: {term: 数据倾斜, definition: 工作量在各个 worker 之间分布不均。, aliases: [负载不均衡, Data Skew]}
    en: {term: data skew, definition: Work spread unevenly across workers., aliases: [load imbalance]}
  - id: class-imbalance
    zh: {term: 类别不平衡, definition: 标签分布偏斜。, aliases: [Data Skew]}
    en: {term: class imbalance, definition: A skewed label distribution., aliases: []}
""", encoding="utf-8")
    content, errors = load(content_dir)
    assert [e for e in errors if e.severity == "error"] == []
    assert term_key("KV Cache") == "kvcache" and term_key("数据 倾斜（data-skew）") == "数据倾斜dataskew"
    terms = search_terms(content)
    assert terms["zh"]["数据倾斜"] == ["qa/data-skew/", "分布式训练中的数据倾斜是什么？如何处理？"]
    assert terms["zh"]["负载不均衡"][0] == "qa/data-skew/"
    assert terms["en"]["dataskew"] == ["qa/data-skew/",
                                       "What is data skew in distributed training, and how do you fix it?"]
    assert terms["en"]["loadimbalance"][0] == "qa/data-skew/"
    assert "dataskew" not in terms["zh"]  # two questions' names: neither is the best match
    assert terms["zh"]["类别不平衡"][0] == "qa/class-imbalance/"


def test_sitemap_drops_printable_pages_of_every_language_and_keeps_the_rest():
    url = "https://x.example/kb/"
    entry = ("    <url>\n        <loc>{}</loc>\n"
             "        <xhtml:link rel=\"alternate\" hreflang=\"zh\" href=\"{}\"/>\n    </url>")
    pages = ["", "print/category/a/", "en/print/tracks/b/", "category/print/", "en/qa/print-x/", "qa/printing/"]
    xml = "<urlset>\n" + "\n".join(entry.format(url + p, url + p) for p in pages) + "\n</urlset>"
    kept = re.findall(r"<loc>([^<]*)</loc>", prune_sitemap(xml, url))
    assert kept == [url + p for p in ("", "category/print/", "en/qa/print-x/", "qa/printing/")]
    assert (prune_sitemap(xml, url).startswith("<urlset>\n    <url>")
            and prune_sitemap(xml, url).endswith("</url>\n</urlset>"))


def test_plain_text_reads_entities_as_the_characters_they_stand_for():
    assert plain_text("A &amp; B, x &lt; y, &#36;5 and &quot;q&quot;") == 'A & B, x < y, $5 and "q"'
