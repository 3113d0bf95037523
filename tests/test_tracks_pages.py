"""Study tracks, question-page navigation and printable pages, as rendered (kb.render.tracks, printable,
navigation; kb.render.pages.breadcrumb, question_nav). The fixture's tracks.yml: ml-basics (overfitting,
class-imbalance | data-skew) and training-systems (data-skew, overfitting)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.render.markdown import escape
from kb.content.loader import load
from kb.render.navigation import Neighbours, category_order
from kb.content.urls import PAGE_FOLDERS, PRINT, TRACKS
from kb.site import build


def _add_underfitting(content_dir: Path) -> None:
    """A second question in overfitting's category (generalization), harder: after it in the category's order."""
    text = (content_dir / "qa/overfitting.yml").read_text(encoding="utf-8")
    text = (text.replace("id: overfitting", "id: underfitting").replace("difficulty: 1", "difficulty: 2")
            .replace("related: [data-skew]", "related: [overfitting]")
            .replace("什么是过拟合？", "什么是欠拟合？").replace("What is overfitting?", "What is underfitting?"))
    (content_dir / "qa/underfitting.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def pages(content_dir: Path) -> dict[str, str]:
    _add_underfitting(content_dir)
    return {p.path: p.markdown for p in build(content_dir).pages}


def test_page_names_are_declared_once():
    assert PAGE_FOLDERS == (TRACKS, PRINT) == ("tracks", "print")


def test_neighbours_follow_the_category_page_and_each_track(content_dir: Path):
    _add_underfitting(content_dir)
    content, _ = load(content_dir)
    assert [q.id for q in category_order(content, "generalization")] == ["overfitting", "underfitting"]
    near = Neighbours.of(content)
    step = near.category["underfitting"]
    assert (step.position, step.total, step.prev.id, step.next) == (2, 2, "overfitting", None)
    tracks = {track.slug: step for track, step in near.tracks["overfitting"]}
    assert list(tracks) == ["ml-basics", "training-systems"]  # in the file's order
    assert (tracks["ml-basics"].position, tracks["ml-basics"].prev, tracks["ml-basics"].next.id) == (1, None,
                                                                                                     "class-imbalance")
    assert (tracks["training-systems"].position, tracks["training-systems"].prev.id) == (2, "data-skew")
    assert "underfitting" not in near.tracks


def test_tracks_index_lists_every_track_with_size_and_stages(pages):
    zh, en = pages["tracks/index.md"], pages["tracks/index.en.md"]
    assert "## [机器学习基础](ml-basics.md) { #ml-basics }" in zh
    assert '<p class="kb-count">3 道题 · 2 个阶段</p>' in zh
    assert "<li>基础 · 2 道题</li>" in zh and "<li>系统 · 1 道题</li>" in zh
    assert "## [Training systems](training-systems.md) { #training-systems }" in en
    assert '<p class="kb-count">2 questions · 1 stage</p>' in en
    assert escape("Data skew in distributed training, and how it differs from overfitting.") in en


def test_track_page_has_stages_in_order_with_progress_markup(pages):
    zh = pages["tracks/ml-basics.md"]
    assert zh.index("## 阶段 1 · 基础 { #stage-1 }") < zh.index("## 阶段 2 · 系统 { #stage-2 }")
    assert '<div class="kb-track" data-kb-progress="tracks/ml-basics" markdown>' in zh
    assert '<ol class="kb-questions" data-kb-progress="tracks/ml-basics/1">' in zh
    assert '<ol class="kb-questions" data-kb-progress="tracks/ml-basics/2" start="3">' in zh  # numbers run on
    assert re.findall(r'data-kb-qid="([a-z-]+)"', zh) == ["overfitting", "class-imbalance", "data-skew"]
    assert ('<li data-kb-qid="overfitting"><a href="../../qa/overfitting/?track=ml-basics">什么是过拟合？</a>'
            ' <span class="kb-item-category">泛化、过拟合与正则化</span> <span class="kb-difficulty" data-level="1">'
            in zh)
    assert '<a href="../../print/tracks/ml-basics/">打印版（全部题目与答案）</a>' in zh
    en = pages["tracks/ml-basics.en.md"]
    assert "## Stage 2 · Systems { #stage-2 }" in en
    assert ">如何处理类别不平衡问题？</a> (Chinese only) <span class=\"kb-item-category\">" in en
    assert "Printable version (every question and answer)" in en


def test_category_page_marks_its_list_and_items_for_progress_and_links_its_print_page(pages):
    zh = pages["category/generalization.md"]
    assert '<ul class="kb-questions" data-kb-progress="category/generalization">' in zh
    assert re.findall(r'data-kb-qid="([a-z-]+)"', zh) == ["overfitting", "underfitting"]
    assert '<a href="../../print/category/generalization/">' in pages["category/generalization.en.md"]


def test_home_and_nav_link_the_tracks(content_dir: Path, pages):
    from kb.mkdocs.glue import nav

    assert "## 学习路线 { #tracks }" in pages["index.md"]
    assert "- [机器学习基础](tracks/ml-basics.md) · 3 道题：从过拟合到数据问题" in pages["index.md"]
    assert "- [Training systems](tracks/training-systems.md) · 2 questions: Data skew" in pages["index.en.md"]
    assert "- [Study tracks](tracks/index.md): Study plans by role, in stages" in pages["index.en.md"]
    assert nav(build(content_dir))[:2] == ["index.md", "tracks/index.md"]


def test_without_tracks_yml_there_are_no_track_pages(content_dir: Path):
    from kb.mkdocs.glue import nav

    (content_dir / "tracks.yml").unlink()
    site = build(content_dir)
    assert not [path for path in site.plan if path.startswith(("tracks/", "print/tracks/"))]
    assert "tracks/index.md" not in nav(site)
    pages = {p.path: p.markdown for p in site.pages}
    assert "tracks" not in pages["index.md"]
    assert "data-kb-track" not in pages["qa/overfitting.md"]


def test_question_page_breadcrumb(pages):
    assert ('<nav class="kb-breadcrumb" aria-label="当前位置" data-pagefind-ignore>'
            '<ol><li><a href="../../">首页</a></li>'
            '<li><a href="../../category/generalization/">泛化、过拟合与正则化</a></li>'
            '<li aria-current="page">什么是欠拟合？</li></ol></nav>') in pages["qa/underfitting.md"]
    en = pages["qa/underfitting.en.md"]
    assert 'aria-label="Breadcrumb"' in en and '<a href="../../">Home</a>' in en
    assert '<li aria-current="page">What is underfitting?</li>' in en


def test_question_page_previous_and_next_in_the_category(pages):
    first, second = pages["qa/overfitting.md"], pages["qa/underfitting.en.md"]
    assert '<nav class="kb-pager" data-kb-pager="category" aria-label="本分类中的上一题与下一题"' in first
    assert ('<p class="kb-pager__caption">分类：<a href="../../category/generalization/">泛化、过拟合与正则化</a>'
            ' · 第 1 / 2 题</p><span class="kb-pager__prev kb-pager__none">已是第一题</span>') in first
    assert ('<a class="kb-pager__next" href="../underfitting/" rel="next"><span class="kb-pager__dir">下一题</span>'
            '<span class="kb-pager__title">什么是欠拟合？</span></a>') in first
    assert '<a class="kb-pager__prev" href="../overfitting/" rel="prev">' in second
    assert "This is the last question" in second
    assert "Category: <a href=\"../../category/generalization/\">Generalization, overfitting and regularization</a>" \
           " · question 2 of 2" in second
    assert 'data-kb-pager="category"' not in pages["qa/data-skew.md"]  # alone in its category: no pager


def test_question_page_previous_and_next_in_each_track_hidden_until_asked(pages):
    page = pages["qa/overfitting.md"]
    tracks = re.findall(r'<nav class="kb-pager" data-kb-track="([a-z-]+)" hidden aria-label="([^"]+)"', page)
    assert tracks == [("ml-basics", "学习路线「机器学习基础」中的上一题与下一题"),
                      ("training-systems", "学习路线「训练系统」中的上一题与下一题")]
    assert ('<p class="kb-pager__caption">学习路线：<a href="../../tracks/ml-basics/">机器学习基础</a>'
            ' · 第 1 / 3 题</p>' in page)
    assert '<a class="kb-pager__next" href="../class-imbalance/?track=ml-basics" rel="next">' in page
    assert '<a class="kb-pager__prev" href="../data-skew/?track=training-systems" rel="prev">' in page
    en = pages["qa/data-skew.en.md"]
    assert "Study track: <a href=\"../../tracks/ml-basics/\">Machine learning basics</a> · question 3 of 3" in en


def test_printable_track_has_every_question_with_its_answer_in_order(content_dir: Path):
    site = build(content_dir)
    page = site.plan["print/tracks/ml-basics.md"]()
    html = page.body.html()
    assert page.body.meta["kb"] == {"kind": "print", "source": "content/tracks.yml"}
    ids = [h.id for h in page.body.headings]
    assert ids == ["print-title", "stage-1", "overfitting", "class-imbalance", "stage-2", "data-skew"]
    assert [h.text for h in page.body.headings][:3] == ["机器学习基础 · 打印版", "阶段 1 · 基础", "1. 什么是过拟合？"]
    content, _ = load(content_dir)
    for q in content.questions:  # each answer and analysis, whole
        assert html.count('<section class="kb-print-item">') == 3
        assert q.zh.answer.split("\n")[0].strip() in html
    assert html.index("过拟合指模型") < html.index("类别不平衡指") < html.index("数据倾斜指")
    assert "<strong>解析</strong>" in html and "<strong>参考资料</strong>" in html
    assert 'href="https://arxiv.org/abs/2107.02027" rel="noopener"' in html
    assert '<a href="../../../qa/overfitting/">在线阅读</a>' in html
    assert '<a href="../../../tracks/ml-basics/">返回在线页面</a>' in html
    assert 'class="kb-answer"' not in html  # interview mode does not hide a printable page's answers


def test_printable_pages_link_questions_on_the_page_by_anchor_and_others_by_url(content_dir: Path):
    skew = content_dir / "qa/data-skew.yml"
    skew.write_text(skew.read_text(encoding="utf-8").replace(
        "使用 all-reduce 时尤其如此。",
        "使用 all-reduce 时尤其如此；不同于[过拟合](overfitting.md#answer)或[过拟合](overfitting.md)。"),
        encoding="utf-8")
    site = build(content_dir)
    track = site.plan["print/tracks/training-systems.md"]().body.html()
    assert 'href="#overfitting"' in track  # data-skew's analysis links overfitting, also on this page
    assert 'href="../../../qa/overfitting/#answer"' in track  # a link to a section of it: the question's page
    category = site.plan["print/category/systems.md"]().body.html()
    assert 'href="../../../qa/overfitting/"' in category and 'href="#overfitting"' not in category
    assert 'href="../overfitting/' not in category + track


def test_printable_category_in_english_marks_the_untranslated_question(content_dir: Path):
    site = build(content_dir)
    page = site.plan["print/category/data.en.md"]()
    html = page.body.html()
    assert page.body.headings[0].text == "Data engineering and data quality · printable"
    assert "<p class=\"kb-print-meta\">(Chinese only)</p>\n<div lang=\"zh-Hans\">" in html
    assert "<strong>Answer</strong>" in html


def test_page_paths_of_tracks_and_print_pages(content_dir: Path):
    site = build(content_dir)
    for path in ("tracks/index.md", "tracks/index.en.md", "tracks/ml-basics.md", "tracks/training-systems.en.md",
                 "print/tracks/ml-basics.md", "print/tracks/ml-basics.en.md", "print/category/data.md",
                 "print/category/trust.en.md"):
        assert path in site.plan
        assert site.plan[path]().path == path
