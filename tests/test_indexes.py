"""The tags page and the glossary: Chinese by pinyin, English alphabetically (case-insensitive), a compact index
grouped by initial letter, and the anchors other pages link to unchanged."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from kb.content.loader import load
from kb.mkdocs import tag_order
from kb.render.collation import initial, sort_key, words
from kb.content.urls import tag_anchor
from kb.render.pages import render_glossary, render_tags
from tests.conftest import REPO


def test_chinese_sorts_by_pinyin_and_english_alphabetically_ignoring_case():
    zh = ["注意力机制", "对齐", "Transformer", "安全", "分词", "GPU 与硬件", "过拟合", "长上下文", "重排序", "3D 并行"]
    assert sorted(zh, key=sort_key) == ["3D 并行", "安全", "长上下文", "重排序", "对齐", "分词", "GPU 与硬件",
                                        "过拟合", "Transformer", "注意力机制"]
    en = ["Transformer", "attention", "GPU memory", "gradients", "alignment", "LLM basics", "long context"]
    assert sorted(en, key=sort_key) == ["alignment", "attention", "GPU memory", "gradients", "LLM basics",
                                        "long context", "Transformer"]
    assert sorted(en) != sorted(en, key=sort_key)  # code point order put every capital first


def test_words_and_initials():
    assert words("重排序") == ("chong", "pai", "xu")  # pypinyin alone reads zhong: the field's reading
    assert words("长上下文") == ("chang", "shang", "xia", "wen")
    assert words("重要性")[0] == "zhong" and words("长度")[0] == "chang"
    assert words("GPU 与硬件") == ("gpu", "yu", "ying", "jian")
    assert [initial(n) for n in ("安全", "GPU 与硬件", "attention", "3D 并行", "Ω")] == ["A", "G", "A", "#", "#"]


def test_material_listing_uses_the_same_order():
    tag = SimpleNamespace(name="对齐")
    assert tag_order.tag(tag, None) == sort_key("对齐")
    assert tag_order.title(SimpleNamespace(item=SimpleNamespace(title="什么是过拟合？"))) == sort_key("什么是过拟合？")
    plugins = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)["plugins"]
    tags = next(p["tags"] for p in plugins if isinstance(p, dict) and "tags" in p)
    assert tags["listings_tags_sort_by"] == "kb.mkdocs.tag_order.tag"
    assert tags["listings_sort_by"] == "kb.mkdocs.tag_order.title"


class _MkDocsLoader(yaml.SafeLoader):
    """mkdocs.yml's tags (!ENV, !!python/...) read as plain values."""


_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_tag_anchor_is_the_id_materials_listing_gives_a_tag():
    import material.plugins.tags.config as config

    defaults = config.TagsConfig()
    defaults.load_dict({})
    defaults.validate()
    assert defaults.tags_slugify_format == "tag:{slug}"
    for name in ("GPU 与硬件", "注意力机制", "LLM basics", "Transformer"):
        assert tag_anchor(name) == "tag:" + defaults.tags_slugify(name, defaults.tags_slugify_separator)
    assert tag_anchor("GPU 与硬件") == "tag:gpu-与硬件"


@pytest.fixture(scope="module")
def real():
    content, _ = load(REPO / "content")
    return content


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tags_page_index_in_order_with_counts_above_materials_listing(real, lang):
    page = render_tags(lang, real).markdown
    names = [getattr(t, lang) for t in real.tags]
    listed = [html_unescape(n) for n in re.findall(r'<li><a href="#tag:[^"]+">([^<]+)</a>', page)]
    assert listed == sorted(listed, key=sort_key) and set(listed) <= set(names)
    count = {getattr(t, lang): sum(t.slug in q.tags for q in real.questions) for t in real.tags}
    assert set(listed) == {n for n, c in count.items() if c}
    for name in listed:
        assert (f'<a href="#{tag_anchor(name)}">{html_escape(name)}</a> <span class="kb-index__count" '
                f'title="{count[name]} ') in page
    letters = re.findall(r'<dt id="tags-([a-z0])">([A-Z#])</dt>', page)
    assert [x for _, x in letters] == sorted({initial(n) for n in listed}, key=lambda x: (x != "#", x))
    assert page.index("<dl class=\"kb-index") < page.index("<!-- material/tags -->")
    assert "hide:\n- toc" in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_sorted_with_letter_bar_and_the_term_ids(real, lang):
    page = render_glossary(lang, real).markdown
    ids = re.findall(r'<div class="kb-term" id="([^"]+)"><dt>([^<]+)</dt>', page)
    assert {i for i, _ in ids} == {g.id for g in real.glossary}  # question pages link to glossary/#<id>
    terms = [html_unescape(t) for _, t in ids]
    assert terms == sorted(terms, key=sort_key)
    bar = re.findall(r'<a href="#(glossary-[a-z0])">([A-Z#])</a>', page)
    assert [x for _, x in bar] == list(dict.fromkeys(initial(t) for t in terms))
    for anchor, letter in bar:
        assert f"## {letter} {{ #{anchor} }}" in page


def test_glossary_first_terms_in_each_language(real):
    zh = re.findall(r'<dt>([^<]+)</dt>', render_glossary("zh", real).markdown)
    assert zh.index("类别不平衡") > zh.index("KV 缓存")  # lei < KV... by pinyin, not by code point
    en = re.findall(r'<dt>([^<]+)</dt>', render_glossary("en", real).markdown)
    assert en[0].casefold().startswith("a")


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_glossary_links_the_question_of_the_same_id(content_dir: Path):
    glossary = content_dir / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        "  - id: data-skew\n    zh: {term: 数据倾斜, definition: 工作量分布不均。, aliases: [负载不均衡]}\n"
        "    en: {term: data skew, definition: Uneven work across workers., aliases: [load imbalance]}\n"),
        encoding="utf-8")
    content, _ = load(content_dir)
    zh, en = render_glossary("zh", content).markdown, render_glossary("en", content).markdown
    assert ('<div class="kb-term" id="data-skew"><dt>数据倾斜</dt><dd><p>工作量分布不均。</p>\n'
            '<p class="kb-term__more">英文：<span lang="en">data skew</span> · 也写作：负载不均衡 · 详见：'
            '<a href="../qa/data-skew/">分布式训练中的数据倾斜是什么？如何处理？</a></p></dd></div>') in zh
    assert ("Chinese: <span lang=\"zh-Hans\">数据倾斜</span> · Also written: load imbalance · In depth: "
            '<a href="../qa/data-skew/">What is data skew in distributed training, and how do you fix it?</a>') in en
