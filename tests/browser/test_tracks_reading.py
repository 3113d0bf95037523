"""Study tracks, the breadcrumb, previous/next and printing, as a reader uses them, in both languages, at desktop and
phone size. The fixture's tracks: ml-basics (overfitting, class-imbalance | data-skew) and training-systems
(data-skew, overfitting); its categories hold one question each, so previous/next in a category is tried on the
real site."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.helpers import axe_violations

LANGS = [("zh", ""), ("en", "en/")]
DEVICES = ["page", "phone"]
WORDS = {
    "zh": {"breadcrumb": "当前位置", "home": "首页", "category": "泛化、过拟合与正则化", "tracks": "学习路线",
           "track": "机器学习基础", "first": "什么是过拟合？", "second": "如何处理类别不平衡问题？",
           "third": "分布式训练中的数据倾斜是什么？如何处理？", "position2": "第 2 / 3 题", "last": "已是最后一题",
           "print": "打印版（全部题目与答案）", "track_pager": "学习路线「机器学习基础」中的上一题与下一题"},
    "en": {"breadcrumb": "Breadcrumb", "home": "Home", "category": "Generalization, overfitting and regularization",
           "tracks": "Study tracks", "track": "Machine learning basics", "first": "What is overfitting?",
           "second": "如何处理类别不平衡问题？",
           "third": "What is data skew in distributed training, and how do you fix it?",
           "position2": "question 2 of 3", "last": "This is the last question",
           "print": "Printable version (every question and answer)",
           "track_pager": "Previous and next question in the track “Machine learning basics”"},
}


def _path(page) -> str:
    return _path_of(page.url)


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _at(page, expected: str) -> None:
    """The page is at ``expected`` (path and query) once the navigation a click started has loaded."""
    try:
        page.wait_for_url(lambda url: _path_of(url) == expected, timeout=10_000)
    except PlaywrightTimeout:
        raise AssertionError(f"at {_path(page)}, expected {expected}") from None


def _visible_pagers(page) -> list[str]:
    return [nav.get_attribute("aria-label") for nav in page.locator("nav.kb-pager").all() if nav.is_visible()]


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_breadcrumb_leads_to_the_category_and_home(request, fixture_site, device, lang, prefix):
    page, words = request.getfixturevalue(device), WORDS[lang]
    page.goto(fixture_site.url + prefix + "qa/overfitting/")
    crumbs = page.get_by_role("navigation", name=words["breadcrumb"])
    assert crumbs.is_visible()
    items = [text.strip() for text in crumbs.locator("li").all_inner_texts()]
    assert items == [words["home"], words["category"], words["first"]]
    assert crumbs.locator("[aria-current=page]").inner_text() == words["first"]
    crumbs.get_by_role("link", name=words["category"]).click()
    _at(page, f"/{prefix}category/generalization/")
    page.go_back()
    page.get_by_role("navigation", name=words["breadcrumb"]).get_by_role("link", name=words["home"]).click()
    _at(page, f"/{prefix}")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_previous_and_next_follow_the_category_page(request, real_site, device, lang, prefix):
    page = request.getfixturevalue(device)
    page.goto(real_site.url + prefix + "category/inference/")
    order = page.locator("[data-kb-progress] > li[data-kb-qid]").evaluate_all(
        "items => items.map(li => li.dataset.kbQid)")
    assert len(order) >= 3
    page.goto(real_site.url + prefix + f"qa/{order[1]}/")
    assert len(_visible_pagers(page)) == 1  # the category's; a track's only when opened from the track
    pager = page.locator('nav[data-kb-pager="category"]')
    assert "2" in pager.locator(".kb-pager__caption").inner_text()
    pager.locator("a[rel=prev]").click()
    _at(page, f"/{prefix}qa/{order[0]}/")
    page.go_back()
    page.locator('nav[data-kb-pager="category"] a[rel=next]').click()
    _at(page, f"/{prefix}qa/{order[2]}/")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_previous_and_next_follow_the_track_it_was_opened_from(request, fixture_site, device, lang, prefix):
    page, words = request.getfixturevalue(device), WORDS[lang]
    page.goto(fixture_site.url + prefix + "tracks/ml-basics/")
    page.get_by_role("link", name=words["first"], exact=True).click()
    _at(page, f"/{prefix}qa/overfitting/?track=ml-basics")
    assert _visible_pagers(page) == [words["track_pager"]]  # not training-systems', which it is in too
    page.get_by_role("navigation", name=words["track_pager"]).locator("a[rel=next]").click()
    _at(page, f"/{prefix}qa/class-imbalance/?track=ml-basics")
    pager = page.get_by_role("navigation", name=words["track_pager"])
    assert words["position2"] in pager.inner_text()
    pager.locator("a[rel=next]").click()
    _at(page, f"/{prefix}qa/data-skew/?track=ml-basics")
    pager = page.get_by_role("navigation", name=words["track_pager"])
    assert words["last"] in pager.inner_text() and pager.locator("a[rel=next]").count() == 0
    pager.get_by_role("link", name=words["track"]).click()  # back to the track
    _at(page, f"/{prefix}tracks/ml-basics/")
    page.goto(fixture_site.url + prefix + "qa/data-skew/")  # not from a track: no track's links
    assert _visible_pagers(page) == []
    page.goto(fixture_site.url + prefix + "qa/data-skew/?track=no-such-track")
    assert _visible_pagers(page) == []


def test_a_track_hides_the_category_links_and_without_javascript_they_show(browser, page, real_site):
    page.goto(real_site.url + "tracks/inference-serving/")
    second = page.locator("li[data-kb-qid]").nth(1)
    qid = second.get_attribute("data-kb-qid")
    second.locator("a").first.click()
    _at(page, f"/qa/{qid}/?track=inference-serving")
    assert page.locator('nav[data-kb-track="inference-serving"]').is_visible()
    assert not page.locator('nav[data-kb-pager="category"]').is_visible()
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(real_site.url + f"qa/{qid}/?track=inference-serving")
    assert plain.locator('nav[data-kb-pager="category"]').is_visible()
    assert not plain.locator('nav[data-kb-track="inference-serving"]').is_visible()
    context.close()


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_track_pages_list_the_tracks_and_their_questions(request, fixture_site, device, lang, prefix):
    page, words = request.getfixturevalue(device), WORDS[lang]
    page.goto(fixture_site.url + prefix)
    page.locator("article").get_by_role("link", name=words["tracks"], exact=True).click()
    _at(page, f"/{prefix}tracks/")
    assert page.locator("article h2 > a:not(.headerlink)").all_inner_texts() == [
        words["track"], "训练系统" if lang == "zh" else "Training systems"]
    page.locator("article").get_by_role("link", name=words["track"], exact=True).click()
    _at(page, f"/{prefix}tracks/ml-basics/")
    items = page.locator("[data-kb-progress] li[data-kb-qid]")
    assert items.evaluate_all("items => items.map(li => li.dataset.kbQid)") == ["overfitting", "class-imbalance",
                                                                                "data-skew"]
    assert page.locator("[data-kb-progress]").count() == 3  # the track and its two stages
    assert [item.strip() for item in items.locator("a").all_inner_texts()] == [words["first"], words["second"],
                                                                               words["third"]]
    page.get_by_role("link", name=words["print"]).click()
    _at(page, f"/{prefix}print/tracks/ml-basics/")
    assert page.locator(".kb-print-item").count() == 3
    assert page.locator(".kb-print-button button").is_visible()


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_printing_shows_the_text_and_every_answer_without_the_chrome(request, fixture_site, device, lang, prefix):
    page = request.getfixturevalue(device)
    page.goto(fixture_site.url + prefix + "qa/data-skew/")
    page.locator(".kb-mode button").click()  # interview mode: answers hidden on screen
    assert not page.locator(".kb-answer").first.is_visible()
    page.emulate_media(media="print")
    for chrome in ("header.md-header", ".md-sidebar--primary", "footer.md-footer", ".kb-mode", ".kb-breadcrumb",
                   ".kb-random", ".kb-search__open"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert all(page.locator(".kb-answer").nth(i).is_visible() for i in range(page.locator(".kb-answer").count()))
    assert page.locator("h1").is_visible()
    page.goto(fixture_site.url + prefix + "print/category/systems/")
    assert not page.locator("header.md-header").is_visible()
    assert not page.locator(".kb-print-button").is_visible()
    assert page.locator(".kb-print-answer").first.is_visible()
    after = page.locator(".kb-print-references a").first.evaluate(
        "a => getComputedStyle(a, '::after').content")
    assert "arxiv.org" in after  # an outside reference prints its address
    assert page.locator(".kb-print-meta a").first.evaluate("a => getComputedStyle(a, '::after').content") == "none"
    page.emulate_media(media="screen")
    assert page.locator("header.md-header").is_visible()
    page.evaluate("localStorage.removeItem('kb.hideAnswers')")  # the choice is stored: not for other tests


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
@pytest.mark.parametrize("path", ["tracks/", "tracks/llm-applications/", "print/tracks/alignment-reasoning/",
                                  "print/category/scaling/", "qa/kv-cache/?track=inference-serving"])
def test_study_pages_are_accessible(page, real_site, lang, prefix, path):
    page.goto(real_site.url + prefix + path)
    assert axe_violations(page) == []
