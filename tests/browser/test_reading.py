"""Interview mode, the difficulty filter, the random question and language switching, in the browser."""

from __future__ import annotations

import re
from collections import Counter

import pytest


@pytest.fixture(scope="session")
def real_category():
    """A real category with questions of at least two difficulties: (slug, {level: count})."""
    from kb.content.loader import load
    from tests.browser.site import REPO

    content, _ = load(REPO / "content")
    per_category: dict[str, Counter] = {}
    for q in content.questions:
        per_category.setdefault(q.category, Counter())[q.difficulty] += 1
    candidates = sorted((-len(c), slug) for slug, c in per_category.items() if len(c) >= 2)
    if not candidates:
        pytest.skip("no real category has questions of two difficulties")
    slug = candidates[0][1]
    return slug, dict(per_category[slug])


def test_answers_can_be_hidden_and_the_choice_is_remembered(page, fixture_site):
    page.goto(fixture_site.url + "qa/data-skew/")
    answers = page.locator(".kb-answer")
    assert answers.count() == 2  # answer and analysis
    assert answers.first.is_visible()
    toggle = page.locator(".kb-mode button")
    assert toggle.count() == 1
    assert "隐藏答案" in toggle.inner_text()

    toggle.click()
    assert not answers.first.is_visible() and not answers.nth(1).is_visible()
    assert page.locator(".kb-hidden-note").first.is_visible()
    assert toggle.inner_text() == "显示全部答案"

    page.goto(fixture_site.url + "en/qa/overfitting/")  # remembered on other pages and in the other language
    assert not page.locator(".kb-answer").first.is_visible()
    page.locator(".kb-mode button").click()
    assert page.locator(".kb-answer").first.is_visible()
    page.reload()
    assert page.locator(".kb-answer").first.is_visible()
    assert page.locator(".kb-mode button").inner_text().startswith("Hide answers")


def test_without_javascript_every_answer_shows_and_no_control_is_dead(browser, fixture_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("qa/data-skew/", "en/category/data/", "en/"):
        page.goto(fixture_site.url + path)
        assert page.locator(".kb-mode button, .kb-random button").count() == 0, path
        # the filter rows are in the page (their room kept from the first paint) but not shown without scripts
        assert not any(b.is_visible() for b in page.locator(".kb-filter, .kb-filter button").all()), path
        assert page.locator(".kb-hidden-note").count() == 0, path
        for i in range(page.locator(".kb-answer").count()):
            assert page.locator(".kb-answer").nth(i).is_visible()
    page.goto(fixture_site.url + "qa/data-skew/")
    assert page.locator(".kb-answer").count() == 2
    context.close()


def test_difficulty_filter_on_a_category_page(page, real_site, real_category):
    slug, levels = real_category
    page.goto(real_site.url + f"en/category/{slug}/")
    items = page.locator(".md-content ul:has(.kb-difficulty) > li")
    assert items.count() == sum(levels.values())
    row = page.locator('.kb-filter[data-key="difficulty"]')
    assert row.locator("button").all_inner_texts() == ["All", "Basic", "Intermediate", "Advanced"]
    assert page.locator('.kb-filter[data-key="frequency"] button').all_inner_texts() == [
        "All", "Occasionally", "Often", "Very often"]
    count = page.locator(".kb-count")
    total = sum(levels.values())
    assert count.inner_text() == f"{total} questions"
    for level, name in ((1, "Basic"), (2, "Intermediate"), (3, "Advanced")):
        row.get_by_role("button", name=name, exact=True).click()
        assert row.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed") == "true"
        shown = [i for i in range(items.count()) if items.nth(i).is_visible()]
        assert len(shown) == levels.get(level, 0), (name, shown)
        assert all(items.nth(i).locator(f'.kb-difficulty[data-level="{level}"]').count() for i in shown)
        assert count.inner_text() == f"{len(shown)} of {total} questions"  # the count says what is shown
    row.get_by_role("button", name="All", exact=True).click()
    assert all(items.nth(i).is_visible() for i in range(items.count()))
    assert count.inner_text() == f"{total} questions"
    # the two rows combine: a question shows when it matches both choices
    freq = page.locator('.kb-filter[data-key="frequency"]')
    freq.get_by_role("button", name="Very often", exact=True).click()
    row.get_by_role("button", name="Basic", exact=True).click()
    shown = [i for i in range(items.count()) if items.nth(i).is_visible()]
    assert all(items.nth(i).locator('.kb-difficulty[data-level="1"]').count()
               and items.nth(i).locator('.kb-frequency[data-level="3"]').count() for i in shown)
    hidden = [i for i in range(items.count()) if not items.nth(i).is_visible()]
    assert all(not (items.nth(i).locator('.kb-difficulty[data-level="1"]').count()
                    and items.nth(i).locator('.kb-frequency[data-level="3"]').count()) for i in hidden)
    assert count.inner_text() == f"{len(shown)} of {total} questions"
    page.goto(real_site.url + f"category/{slug}/")  # the choices are kept (test_reader_polish.py): reset one
    page.locator('.kb-filter[data-key="frequency"]').get_by_role("button", name="全部", exact=True).click()
    page.locator('.kb-filter[data-key="difficulty"]').get_by_role("button", name="基础", exact=True).click()
    assert page.locator(".kb-count").inner_text() == f"{levels.get(1, 0)} / {total} 道题"


@pytest.mark.parametrize(("start", "pattern"), [
    ("", r"^/qa/[a-z0-9-]+/$"),
    ("en/", r"^/en/qa/[a-z0-9-]+/$"),
    ("en/category/generalization/", r"^/en/qa/[a-z0-9-]+/$"),
    ("qa/overfitting/", r"^/qa/(?!overfitting/)[a-z0-9-]+/$"),  # never the page you are on
])
def test_random_question_stays_in_the_language(page, fixture_site, start, pattern):
    page.goto(fixture_site.url + start)
    with page.expect_navigation():
        page.locator(".kb-random button").first.click()
    path = re.sub(r"^https?://[^/]+", "", page.url)
    assert re.match(pattern, path), path
    assert page.locator("h1").count() == 1


def test_language_switch_keeps_the_question_and_links_stay_in_the_language(page, fixture_site):
    page.goto(fixture_site.url + "qa/data-skew/")
    page.locator(".md-header .md-select").hover()
    page.locator('.md-select a[hreflang="en"]').click()
    page.wait_for_url(fixture_site.url + "en/qa/data-skew/")
    assert page.locator("h1").inner_text().startswith("What is data skew")
    page.locator("#related ~ ul a").first.click()
    page.wait_for_url(re.compile(r"/en/qa/(class-imbalance|overfitting)/$"))
    page.locator(".kb-meta a").first.click()  # the category of the question
    page.wait_for_url(re.compile(r"/en/category/[a-z-]+/$"))
    page.locator(".md-header .md-select").hover()
    page.locator('.md-select a[hreflang="zh"]').click()
    page.wait_for_url(re.compile(r"/category/[a-z-]+/$"))
    assert "/en/" not in page.url


def test_missing_pages_get_a_useful_404_in_both_languages(page, fixture_site):
    page.problems.allowed.append("/no-such-page/")
    response = page.goto(fixture_site.url + "en/qa/no-such-page/")
    assert response.status == 404
    text = page.locator(".md-content").inner_text()
    assert "Page not found" in text and "页面不存在" not in text  # the language of the address only
    page.locator('.md-content a[href$="/en/"]').click()
    page.wait_for_url(fixture_site.url + "en/")
    assert page.title() == "LLM Engineering Interview Knowledge Base"


def test_the_chosen_colour_scheme_is_applied_by_the_header_before_materials_script(page, fixture_site):
    # Material's inline palette script moved into assets/kb-head.js (kbPalette, called from the header): a page
    # opened after the reader chose dark is dark before Material's bundle runs (no light flash).
    page.goto(fixture_site.url + "qa/data-skew/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator('label[for="__palette_1"]').click()
    assert page.evaluate(scheme) == "slate"
    page.problems.allowed.append("/bundle.")
    page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
    page.goto(fixture_site.url + "en/qa/overfitting/")
    assert page.evaluate(scheme) == "slate"
    assert page.evaluate("typeof kbPalette") == "function"
