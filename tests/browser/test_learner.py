"""The learner's features as one product: progress as a filter of the category pages (the same mechanism as the
difficulty and frequency filters: count, address, kept choice, random question), progress on track pages and the
tracks index, practice and mock interviews started from a track or a category, and a learner's day end to end
(a round today, the same browser tomorrow). Both languages, phone and desktop."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import DESKTOP, PHONE, _page
from tests.browser.helpers import axe_violations

LANGS = [("zh", ""), ("en", "en/")]
SIZES = [("desktop", DESKTOP), ("phone", PHONE)]
TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2026, 12, 7, 10, 0, tzinfo=TZ)
WORDS = {
    "zh": {"known": "已掌握", "new": "未学", "learning": "学习中", "due": "待复习", "all": "全部",
           "shown": "{shown} / {n} 道题", "practise_track": "练习这条路线", "practise_category": "练习这个分类",
           "mock": "模拟面试", "track": "机器学习基础", "tracks": "学习路线",
           "track_progress": "已掌握 {known} / {n} · 待复习 {due}",
           "summary": "已掌握 {known} · 学习中 {learning} · 未学 {new} · 待复习 {due}",
           "due_today": "今天有 {n} 道题待复习", "filter": "按进度筛选"},
    "en": {"known": "Known", "new": "New", "learning": "Learning", "due": "Due", "all": "All",
           "shown": "{shown} of {n} questions", "practise_track": "Practise this track",
           "practise_category": "Practise this category", "mock": "Mock interview", "track": "Machine learning basics",
           "tracks": "Study tracks", "track_progress": "{known} / {n} known · {due} due",
           "summary": "Known {known} · Learning {learning} · New {new} · Due {due}",
           "due_today": "{n} questions due today", "filter": "Filter by progress"},
}


@pytest.fixture(params=SIZES, ids=[name for name, _ in SIZES])
def reader(browser, request):
    """A page at desktop or phone size, in Shanghai time, failing the test on any JavaScript error."""
    options = {"is_mobile": True, "has_touch": True} if request.param[0] == "phone" else {}
    yield from _page(browser, request.param[1], timezone_id="Asia/Shanghai", **options)


def card(due: dt.datetime, days: int) -> dict:
    """A graded card (ts-fsrs's JSON) in review, next due at ``due``, ``days`` after its last review."""
    return {"due": due.isoformat(), "stability": float(days), "difficulty": 5.0, "elapsed_days": 0,
            "scheduled_days": days, "learning_steps": 0, "reps": 2, "lapses": 0, "state": 2,
            "last_review": (due - dt.timedelta(days=days)).isoformat()}


def seed(page, cards: dict) -> None:
    """Progress as kb-study.js keeps it, in place before the first page loads."""
    data = json.dumps({"format": "kb-progress", "version": 1, "cards": cards})
    page.add_init_script(f"localStorage.getItem('kb.progress') || localStorage.setItem('kb.progress', {data!r})")


def shown(page) -> list[str]:
    return [li.get_attribute("data-kb-qid") for li in page.locator("[data-kb-progress] > li[data-kb-qid]").all()
            if li.is_visible()]


def chosen(page, name: str) -> list[str]:
    """The checked boxes of the practice page's form (built once study.json has loaded)."""
    page.locator(".kb-study-form").wait_for()
    return page.locator(f"input[name={name}]:checked").evaluate_all("i => i.map(e => e.value)")


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_progress_is_a_filter_like_difficulty_with_the_count_the_address_and_the_random_question(
        reader, real_site, lang, prefix):
    page, words = reader, WORDS[lang]
    page.clock.install(time=START)
    url = f"{real_site.url}{prefix}category/inference/"
    page.goto(url)
    ids = page.locator("[data-kb-progress] > li[data-kb-qid]").evaluate_all("li => li.map(e => e.dataset.kbQid)")
    total = len(ids)
    known, due, later = ids[1], ids[2], ids[3]
    page.evaluate("localStorage.clear()")
    seed(page, {known: {"known": True},
                due: {"card": card(START - dt.timedelta(hours=1), 3), "known": False},
                later: {"card": card(START + dt.timedelta(days=3), 3), "known": False}})
    page.goto(url)
    # one filter mechanism: the progress row is a row of kb.js's filters, declared by the page
    assert page.locator(".kb-progress-filter, .kb-hide-progress").count() == 0
    row = page.locator('.kb-filter[data-key="progress"]')
    assert row.get_attribute("role") == "group"
    assert row.locator(".kb-filter__label").inner_text() == words["filter"]
    assert row.locator("button").all_inner_texts() == [words[k] for k in ("all", "new", "learning", "known", "due")]
    count = page.locator(".kb-count")
    row.locator('button[data-value="known"]').click()
    assert shown(page) == [known]
    assert count.inner_text() == words["shown"].format(shown=1, n=total)
    assert query(page) == {"progress": "known"}
    page.locator(".kb-random button").click()  # the random question comes from what the filters show
    page.wait_for_url(f"**/qa/{known}/")
    page.goto(url)
    assert shown(page) == [known]  # kept (localStorage), like the other filters
    assert query(page) == {"progress": "known"}
    row.locator('button[data-value="due"]').click()  # due is a second word of a learning item's value
    assert shown(page) == [due]
    row.locator('button[data-value="learning"]').click()
    assert shown(page) == [due, later]
    assert page.locator(f'li[data-kb-qid="{due}"]').get_attribute("data-progress") == "learning due"
    row.locator('button[data-value="new"]').click()
    assert len(shown(page)) == total - 3
    # composes with difficulty: both apply, the count and the address say both
    level = page.locator(f'li[data-kb-qid="{ids[0]}"] .kb-difficulty').get_attribute("data-level")
    page.locator(f'.kb-filter[data-key="difficulty"] button[data-value="{level}"]').click()
    expect = [i for i in ids if i not in (known, due, later)
              and page.locator(f'li[data-kb-qid="{i}"] .kb-difficulty').get_attribute("data-level") == level]
    assert shown(page) == expect
    assert count.inner_text() == words["shown"].format(shown=len(expect), n=total)
    assert query(page) == {"progress": "new", "difficulty": level}
    # a shared address wins over the kept choice
    page.goto(url + "?progress=known")
    assert shown(page) == [known]
    assert row.locator("button[aria-pressed=true]").inner_text() == words["known"]
    assert axe_violations(page) == []
    page.evaluate("localStorage.clear()")


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_track_pages_show_one_summary_per_stage_and_one_for_the_track_and_the_index_each_tracks_progress(
        reader, fixture_site, lang, prefix):
    page, words = reader, WORDS[lang]
    page.clock.install(time=START)
    seed(page, {"overfitting": {"known": True},
                "data-skew": {"card": card(START - dt.timedelta(hours=2), 2), "known": False}})
    page.goto(f"{fixture_site.url}{prefix}tracks/ml-basics/")
    summaries = page.locator(".kb-progress-summary").all_inner_texts()
    assert summaries == [  # the track, then its stages: (overfitting, class-imbalance), (data-skew)
        words["summary"].format(known=1, learning=1, new=1, due=1),
        words["summary"].format(known=1, learning=0, new=1, due=0),
        words["summary"].format(known=0, learning=1, new=0, due=1)]
    assert page.locator(".kb-progressbar").count() == 3
    assert page.locator(".kb-progress .kb-progress .kb-progress-summary, ol .kb-progress").count() == 0  # not nested
    assert [li.locator(".kb-badge").count() for li in page.locator("li[data-kb-qid]").all()] == [1, 1, 1]
    page.goto(f"{fixture_site.url}{prefix}tracks/")
    assert page.locator(".kb-track-progress").all_inner_texts() == [
        words["track_progress"].format(known=1, n=3, due=1), words["track_progress"].format(known=1, n=2, due=1)]
    assert axe_violations(page) == []


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_practice_and_mock_start_from_a_track_page_or_a_category_page(reader, fixture_site, lang, prefix):
    page, words = reader, WORDS[lang]
    page.goto(f"{fixture_site.url}{prefix}practice/")
    page.locator('input[name=categories][value="systems"]').check()  # a kept choice the links override
    page.goto(f"{fixture_site.url}{prefix}tracks/training-systems/")
    page.get_by_role("link", name=words["practise_track"]).click()
    assert urlsplit(page.url).path == f"/{prefix}practice/" and query(page) == {"track": "training-systems"}
    assert chosen(page, "tracks") == ["training-systems"]
    assert chosen(page, "categories") == []
    page.go_back()
    page.locator("article").get_by_role("link", name=words["mock"], exact=True).click()
    page.locator(".kb-mock-start").wait_for()
    assert page.locator("#kb-mock-source").input_value() == "track:training-systems"
    page.goto(f"{fixture_site.url}{prefix}category/generalization/")
    page.get_by_role("link", name=words["practise_category"]).click()
    assert query(page) == {"category": "generalization"}
    assert chosen(page, "categories") == [
        "generalization"]
    assert chosen(page, "tracks") == []
    page.goto(f"{fixture_site.url}{prefix}category/generalization/")
    page.locator("article").get_by_role("link", name=words["mock"], exact=True).click()
    page.locator(".kb-mock-start").wait_for()
    assert page.locator("#kb-mock-source").input_value() == "category:generalization"
    page.goto(f"{fixture_site.url}{prefix}practice/?track=no-such-track")  # an unknown name: the kept choice
    assert chosen(page, "categories") == [
        "generalization"]


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_a_learners_day_a_track_a_round_today_and_what_is_due_tomorrow(browser, fixture_site, tmp_path, lang, prefix):
    """Pick a track on /tracks/, practise a round from it, close the browser; the next day, the same browser's
    stored state shows on the home page how many are due and on the track page the progress."""
    words = WORDS[lang]
    for name, size in SIZES:
        options = {"is_mobile": True, "has_touch": True} if name == "phone" else {}
        today = _page(browser, size, timezone_id="Asia/Shanghai", **options)
        page = next(today)
        page.clock.install(time=START)
        page.goto(f"{fixture_site.url}{prefix}")
        page.locator("article").get_by_role("link", name=words["tracks"], exact=True).click()
        page.locator("article").get_by_role("link", name=words["track"], exact=True).click()
        assert page.locator(".kb-progress-summary").first.inner_text() == words["summary"].format(
            known=0, learning=0, new=3, due=0)
        page.get_by_role("link", name=words["practise_track"]).click()
        page.locator(".kb-study-start").click()
        graded = []
        for choice in ("good", "easy", "good"):  # good: again in 10 minutes; easy: in 8 days
            if not page.locator(".kb-study-reveal").count():
                break  # English: the untranslated question is not practised
            graded.append(page.locator(".kb-study-card__title a").inner_text())
            page.locator(".kb-study-reveal").click()
            page.locator(f".kb-grade--{choice}").click()
            learning = f"学习中 {len(graded)} ·" if lang == "zh" else f"learning {len(graded)} ·"
            assert learning in page.locator(".kb-study-totals").inner_text()  # the totals follow each grade
        page.locator(".kb-study-summary__title").wait_for()
        n = len(graded)
        assert n == (3 if lang == "zh" else 2)
        state = tmp_path / f"{name}.json"
        page.context.storage_state(path=state)
        with pytest.raises(StopIteration):
            next(today)  # the browser context closes (and no error happened in it)

        tomorrow = _page(browser, size, timezone_id="Asia/Shanghai", storage_state=str(state), **options)
        page = next(tomorrow)
        page.clock.install(time=START + dt.timedelta(days=1, hours=1))
        page.goto(f"{fixture_site.url}{prefix}")
        due = n - 1  # the "good" ones: due after 10 minutes; the easy one in 8 days
        assert page.locator(".kb-due a").inner_text() == (
            "1 question due today" if due == 1 and lang == "en" else words["due_today"].format(n=due))
        page.goto(f"{fixture_site.url}{prefix}tracks/")
        assert page.locator(".kb-track-progress").first.inner_text() == words["track_progress"].format(
            known=0, n=3, due=due)
        page.goto(f"{fixture_site.url}{prefix}tracks/ml-basics/")
        assert page.locator(".kb-progress-summary").first.inner_text() == words["summary"].format(
            known=0, learning=n, new=3 - n, due=due)
        assert page.locator('.kb-filter[data-key="progress"]').count() == 0  # track pages: badges, no filter row
        badges = page.locator("li[data-kb-qid] .kb-badge").all_inner_texts()
        assert sum(words["due"] in b for b in badges) == due
        with pytest.raises(StopIteration):
            next(tomorrow)
