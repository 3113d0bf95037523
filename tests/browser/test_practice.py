"""Practice, progress and mock interviews as a reader uses them (docs/assets/kb-study.js, kb-practice.js).

Progress lives in the browser's localStorage; each test starts from a fresh browser context. The clock is
Playwright's (``page.clock``): a fixed start, then "tomorrow". Time zone Asia/Shanghai, so "today" ends at
midnight there.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DESKTOP, PHONE, _page
from tests.browser.helpers import axe_violations

LANGS = [("zh", ""), ("en", "en/")]
SIZES = [("desktop", DESKTOP), ("phone", PHONE)]
TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2026, 12, 7, 10, 0, tzinfo=TZ)
WORDS = {
    "zh": {"again": "忘了", "good": "记得", "easy": "简单", "learning": "学习中", "known": "已掌握", "new": "未学",
           "answer": "答案", "done": "本轮完成", "nothing_due": "今天没有待复习的题目",
           "due_one": "今天有 1 道题待复习",
           "nojs": "练习和模拟面试需要 JavaScript"},
    "en": {"again": "Again", "good": "Good", "easy": "Easy", "learning": "Learning", "known": "Known", "new": "New",
           "answer": "Answer", "done": "Round complete", "nothing_due": "Nothing due today",
           "due_one": "1 question due today", "nojs": "need JavaScript"},
}


@pytest.fixture(params=SIZES, ids=[name for name, _ in SIZES])
def reader(browser, request):
    """A page at desktop or phone size, in Shanghai time, failing the test on any JavaScript error."""
    options = {"is_mobile": True, "has_touch": True} if request.param[0] == "phone" else {}
    yield from _page(browser, request.param[1], timezone_id="Asia/Shanghai", **options)


@pytest.fixture
def desk(browser):
    yield from _page(browser, DESKTOP, timezone_id="Asia/Shanghai", accept_downloads=True)


def when(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))


def stored(page) -> dict:
    return json.loads(page.evaluate("localStorage.getItem('kb.progress')") or "null")


def start_round(page, url: str, size: str = "5") -> None:
    page.goto(url)
    page.locator("select[name=size]").select_option(size)
    page.locator(".kb-study-start").click()


def grade(page, choice: str) -> str:
    """Reveal the current question's answer and grade it; return the question's id."""
    qid = page.locator(".kb-study-card__title a").get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    page.locator(".kb-study-reveal").click()
    page.locator(f".kb-grade--{choice}").click()
    return qid


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_a_practice_round_shows_the_question_then_the_answer_and_stores_each_grade(reader, fixture_site, lang, prefix):
    page, words = reader, WORDS[lang]
    page.clock.install(time=START)
    start_round(page, fixture_site.url + prefix + "practice/")
    n = 3 if lang == "zh" else 2  # English lists only the translated questions (study.json)
    page.locator(".kb-study-round[data-kb-ready]").wait_for(state="attached")  # the round's pages and the scheduler
    page.context.set_offline(True)  # the round goes on without the network
    graded = {}
    for i, choice in enumerate(["good", "again", "easy"][:n]):
        assert page.locator(".kb-study-card__position").inner_text().startswith(("第 ", "Question "))
        assert page.locator(".kb-study-card__question").inner_text().strip()  # the question, from its page
        assert page.locator(".kb-study-card__answer").is_hidden()
        page.locator(".kb-study-reveal").click()
        answer = page.locator(".kb-study-card__answer")
        assert answer.locator("h3").first.inner_text() == words["answer"] and len(answer.inner_text()) > 20
        qid = page.locator(".kb-study-card__title a").get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
        page.locator(f".kb-grade--{choice}").click()
        graded[qid] = choice
    page.context.set_offline(False)
    assert page.locator(".kb-study-summary__title").inner_text() == words["done"]
    counts = {g: page.locator(f'td[data-grade="{g}"]').inner_text() for g in ("again", "hard", "good", "easy")}
    assert counts == {"again": str(list(graded.values()).count("again")), "hard": "0", "good": "1",
                      "easy": str(list(graded.values()).count("easy"))}
    again = [q for q, g in graded.items() if g == "again"]
    assert [a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
            for a in page.locator(".kb-study-again-list a").all()] == again
    # the next review of each question, stored as ts-fsrs computed it (no fuzz): good 10 min, again 1 min, easy 8 d
    cards = stored(page)["cards"]
    assert set(cards) == set(graded)
    minutes = {"good": 10, "again": 1, "easy": 8 * 24 * 60}
    for qid, choice in graded.items():
        due, last = (when(cards[qid]["card"][k]) for k in ("due", "last_review"))
        assert START <= last < START + dt.timedelta(minutes=1)  # graded now (the clock runs from START)
        assert due - last == dt.timedelta(minutes=minutes[choice]), (qid, choice)
    # a reload keeps it all
    page.reload()
    assert stored(page)["cards"] == cards
    # nothing is known yet (easy: 8 days, below the 21 that count as known); all are due today but the easy one
    easy = list(graded.values()).count("easy")
    assert page.locator(".kb-study-totals").inner_text() == (
        f"全部题目：已掌握 0 · 学习中 {n} · 未学 0 · 待复习 {n - easy}" if lang == "zh"
        else f"All questions: known 0 · learning {n} · new 0 · due {n - easy}")


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_tomorrow_the_home_page_counts_what_is_due(reader, fixture_site, lang, prefix):
    page, words = reader, WORDS[lang]
    page.clock.install(time=START)
    start_round(page, fixture_site.url + prefix + "practice/", size="5")
    first = grade(page, "again")  # due again in a minute
    while page.locator(".kb-study-reveal").count():
        grade(page, "easy")  # the others: in 8 days
    page.goto(fixture_site.url + prefix)
    assert page.locator(".kb-due").inner_text() == words["due_one"]
    page.clock.set_system_time(START + dt.timedelta(minutes=2))
    start_round(page, fixture_site.url + prefix + "practice/", size="5")
    assert grade(page, "easy") == first  # what is due comes first; easy now: tomorrow (1 day)
    page.goto(fixture_site.url + prefix)
    assert page.locator(".kb-due").inner_text().startswith(words["nothing_due"])
    page.clock.set_system_time(START + dt.timedelta(days=1, minutes=5))
    page.reload()
    due = page.locator(".kb-due a")
    assert due.inner_text() == words["due_one"]
    assert due.get_attribute("href").endswith(f"/{prefix}practice/")


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_a_question_page_shows_the_status_and_marks_it_known_or_for_review(reader, fixture_site, lang, prefix):
    page, words = reader, WORDS[lang]
    page.clock.install(time=START)
    start_round(page, fixture_site.url + prefix + "practice/", size="5")
    qid = grade(page, "easy")
    page.goto(f"{fixture_site.url}{prefix}qa/{qid}/")
    status = page.locator(".kb-study-status")
    assert status.locator(".kb-badge").inner_text() == words["learning"]
    assert status.locator("time").get_attribute("datetime") == stored(page)["cards"][qid]["card"]["due"]
    status.locator(".kb-study-known").click()
    page.reload()
    assert page.locator(".kb-study-status .kb-badge").inner_text() == words["known"]
    assert stored(page)["cards"][qid]["known"] is True
    page.locator(".kb-study-status .kb-study-again").click()
    assert page.locator(".kb-study-status .kb-badge").inner_text().startswith(words["learning"])
    record = stored(page)["cards"][qid]
    assert record["known"] is False
    assert when(record["card"]["due"]) <= START + dt.timedelta(minutes=1)


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_category_pages_show_badges_a_progress_bar_and_a_progress_filter_that_persists(reader, real_site, lang,
                                                                                        prefix):
    page, words = reader, WORDS[lang]
    category = sorted(p.parent.name for p in (real_site.root / "category").glob("*/index.html"))[0]
    page.goto(f"{real_site.url}{prefix}category/{category}/")
    rows = page.locator("[data-kb-progress] li[data-kb-qid]")
    total = rows.count()
    assert total > 3
    known = rows.nth(1).get_attribute("data-kb-qid")
    page.goto(f"{real_site.url}{prefix}qa/{known}/")
    page.locator(".kb-study-status .kb-study-known").click()
    page.goto(f"{real_site.url}{prefix}category/{category}/")
    badge = page.locator(f'li[data-kb-qid="{known}"] .kb-badge')
    assert badge.inner_text() == words["known"]
    assert page.locator(f'li[data-kb-qid="{rows.nth(0).get_attribute("data-kb-qid")}"] .kb-badge').inner_text() == \
        words["new"]
    summary = page.locator(".kb-progress-summary").inner_text()
    assert "1" in summary and str(total - 1) in summary
    width = page.locator(".kb-progressbar__part--known").evaluate("e => e.style.width")
    assert float(width.rstrip("%")) == pytest.approx(100 / total)
    progress = page.locator('.kb-filter[data-key="progress"]')  # a row of kb.js's filters (test_learner.py)
    progress.locator('button[data-value="known"]').click()
    visible = [r.get_attribute("data-kb-qid") for r in rows.all() if r.is_visible()]
    assert visible == [known]
    page.reload()  # the choice is kept
    assert progress.locator("button[aria-pressed=true]").inner_text() == words["known"]
    assert [r.get_attribute("data-kb-qid") for r in rows.all() if r.is_visible()] == [known]
    # composes with the difficulty filter: a row shows only if no filter hides it
    progress.locator('button[data-value="new"]').click()
    assert sum(r.is_visible() for r in rows.all()) == total - 1
    page.locator('.kb-filter[data-key="difficulty"] button[data-value="3"]').click()
    shown = [r for r in rows.all() if r.is_visible()]
    assert all(r.get_attribute("data-kb-qid") != known and r.locator('.kb-difficulty[data-level="3"]').count()
               for r in shown)


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_export_then_import_round_trips_and_a_bad_file_changes_nothing(desk, fixture_site, tmp_path, lang, prefix):
    page = desk
    page.clock.install(time=START)
    start_round(page, fixture_site.url + prefix + "practice/", size="5")
    grade(page, "good")
    grade(page, "again")
    before = stored(page)
    with page.expect_download() as download:
        page.locator(".kb-study-export").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert download.value.suggested_filename == "kb-progress-2026-12-07.json"
    assert json.loads(exported.read_text(encoding="utf-8")) == before
    # reset asks first: dismissed, nothing happens; accepted, all is gone
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.locator(".kb-study-reset").click()
    assert asked and stored(page) == before
    page.once("dialog", lambda d: d.accept())
    page.locator(".kb-study-reset").click()
    assert stored(page) is None
    assert page.locator(".kb-study-message").inner_text() in ("进度已清除。", "Progress reset.")
    page.locator("#kb-study-import").set_input_files(str(exported))
    page.wait_for_function("() => localStorage.getItem('kb.progress') !== null")
    assert stored(page) == before
    done = page.locator(".kb-study-message").inner_text()
    assert done in ("已导入 2 道题的进度。", "Imported progress for 2 questions.")
    bad = {
        "damaged.json": ('{"format": "kb-progress", "version": 1, "cards": {', ("JSON", "JSON")),
        "foreign.json": ('{"name": "llm-interview-kb"}', ("不是本站导出的进度文件", "not a progress file")),
        "version.json": ('{"format": "kb-progress", "version": 2, "cards": {}}', ("版本是 2", "version 2")),
        "wrong.json": ('{"format": "kb-progress", "version": 1, "cards": {"x": {"card": {"state": 9}}}}',
                       ("内容有误", "has an error")),
    }
    for name, (text, says) in bad.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        page.evaluate("document.querySelector('.kb-study-message').textContent = ''")
        page.locator("#kb-study-import").set_input_files(str(tmp_path / name))
        message = page.locator(".kb-study-message")
        message.wait_for(state="visible")
        page.wait_for_function("() => document.querySelector('.kb-study-message').textContent !== ''")
        assert says[0 if lang == "zh" else 1] in message.inner_text(), name
        assert ("进度没有改变" if lang == "zh" else "unchanged") in message.inner_text()
        assert stored(page) == before, name


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_a_mock_interview_times_each_question_and_names_the_weak_areas(reader, real_site, lang, prefix):
    page = reader
    page.clock.install(time=START)
    page.goto(real_site.url + prefix + "mock/")
    page.clock.pause_at(START + dt.timedelta(minutes=1))  # from here on, time moves only when the test says
    source = page.locator("#kb-mock-source")
    category = source.locator('option[value^="category:"]').first.get_attribute("value")  # tracks come first
    source.select_option(category)
    page.locator("select[name=count]").select_option("3")
    page.locator("select[name=minutes]").select_option("2")
    page.locator(".kb-mock-start").click()
    spent = ["01:30", "02:45", "00:40"]
    grades = ["again", "hard", "good"]
    asked = []
    for wait, choice in zip(spent, grades):
        page.clock.run_for(wait)
        timer = page.locator(".kb-mock-timer")
        assert timer.locator(".kb-mock-timer__value").inner_text() == wait[1:]  # "1:30"
        assert timer.get_attribute("data-over") == ("1" if wait == "02:45" else "0")  # over the 2 minutes
        asked.append(grade(page, choice))
    rows = page.locator("table[data-kb-table=mock] tr[data-kb-qid]")
    assert [r.get_attribute("data-kb-qid") for r in rows.all()] == asked
    assert [r.locator(".kb-mock-time").inner_text() for r in rows.all()] == ["1:30", "2:45", "0:40"]
    assert page.locator(".kb-mock-total").inner_text().endswith("4:55")
    weak = [a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
            for a in page.locator(".kb-mock-weak-questions a").all()]
    assert weak == asked[:2]
    assert page.locator(".kb-mock-weak-categories a").first.get_attribute("href").endswith(
        f"/{prefix}category/{category.split(':', 1)[1]}/")
    assert set(stored(page)["cards"]) == set(asked)  # the same FSRS update as practice


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_without_javascript_the_practice_page_says_so_and_links_the_categories(browser, fixture_site, lang, prefix):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for name in ("practice", "mock"):
        page.goto(f"{fixture_site.url}{prefix}{name}/")
        notice = page.locator(".kb-study-nojs")
        assert WORDS[lang]["nojs"] in notice.inner_text()
        assert notice.locator('a[href*="category/"]').count() >= 4
    context.close()


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
@pytest.mark.parametrize("state", ["practice", "practice round", "practice summary", "mock", "mock summary"])
def test_axe_finds_nothing_serious_on_the_practice_and_mock_pages(page, real_site, lang, prefix, state):
    page.goto(real_site.url + prefix + state.split()[0] + "/")
    if state == "practice round":
        start_round(page, real_site.url + prefix + "practice/", size="5")
        page.locator(".kb-study-reveal").click()
        page.locator(".kb-grade").first.wait_for()
    elif state == "practice summary":
        start_round(page, real_site.url + prefix + "practice/", size="5")
        for choice in ["again", "hard", "good", "easy", "good"]:
            grade(page, choice)
        page.locator(".kb-study-summary__title").wait_for()
    elif state == "mock summary":
        page.locator("select[name=count]").select_option("3")
        page.locator(".kb-mock-start").click()
        for choice in ["again", "hard", "easy"]:
            grade(page, choice)
        page.locator(".kb-mock-total").wait_for()
    else:
        page.locator(".kb-study-form").wait_for()
    assert axe_violations(page) == []


def with_track(page, site_root) -> None:
    """study.json as the build writes it once content/tracks.yml has a track (served through a route)."""
    def fulfil(route):
        data = json.loads((site_root / urlsplit(route.request.url).path.lstrip("/")).read_text(encoding="utf-8"))
        data["tracks"] = [{"slug": "data-role", "name": "Data role", "description": "d", "stages": [
            {"name": "Basics", "questions": ["overfitting"]}, {"name": "Further", "questions": ["data-skew"]}]}]
        for q in data["questions"]:
            q["tracks"] = ["data-role"] if q["id"] in ("overfitting", "data-skew") else []
        route.fulfill(json=data)

    page.route("**/study.json", fulfil)


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_practice_and_mock_interviews_draw_from_a_track(desk, fixture_site, lang, prefix):
    page = desk
    with_track(page, fixture_site.root)
    page.goto(fixture_site.url + prefix + "practice/")
    page.locator('input[name=tracks][value="data-role"]').check()
    assert page.locator(".kb-study-available").inner_text() == (
        "所选范围：0 道待复习，2 道未学，共 2 道。" if lang == "zh" else "In your choice: 0 due, 2 new, 2 in all.")
    page.goto(fixture_site.url + prefix + "mock/")
    page.locator("#kb-mock-source").select_option("track:data-role")
    page.locator("select[name=count]").select_option("3")
    page.locator(".kb-mock-start").click()
    asked = [grade(page, "hard"), grade(page, "good")]
    assert sorted(asked) == ["data-skew", "overfitting"]
    assert page.locator("table[data-kb-table=mock] tr[data-kb-qid]").count() == 2


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_progress_this_version_cannot_read_is_never_overwritten(desk, fixture_site, lang, prefix):
    page = desk
    newer = '{"format": "kb-progress", "version": 2, "cards": {"data-skew": {"future": true}}}'
    page.add_init_script(f"localStorage.setItem('kb.progress', {json.dumps(newer)})")
    start_round(page, fixture_site.url + prefix + "practice/", size="5")
    grade(page, "good")
    assert page.evaluate("localStorage.getItem('kb.progress')") == newer
    assert ("其他版本" if lang == "zh" else "another version") in page.locator(".kb-study-note").inner_text()


@pytest.mark.parametrize("where", ["practice", "category"])
def test_axe_finds_nothing_serious_in_the_dark_scheme(browser, real_site, where):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(real_site.url + "en/practice/")
    page.locator('input[name=categories][value="foundations"]').check()
    page.locator("select[name=size]").select_option("5")
    page.locator(".kb-study-start").click()
    for choice in ["again", "hard", "good", "easy"]:
        grade(page, choice)
    page.locator(".kb-study-reveal").click()  # the grade buttons under an answer
    page.locator(".kb-grade").first.wait_for()
    if where == "category":  # badges of several statuses, the bar and the progress filter
        page.locator(".kb-grade--good").click()
        page.goto(real_site.url + "en/category/foundations/")
        page.locator('.kb-filter[data-key="progress"] button').nth(2).click()
    assert axe_violations(page) == []
    context.close()


SHIFTS = """window.kbShifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.kbShifts.push(e.value); })
  .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_what_the_scripts_add_to_the_practice_and_category_pages_moves_nothing(reader, real_site, lang, prefix):
    """Cumulative layout shift as Lighthouse counts it: the practice form's box moved by 0.59 when an empty panel
    went in before the form, a category page's list by 0.04 to 0.06 when the random-question button appeared."""
    page = reader
    page.add_init_script(SHIFTS)
    category = sorted(p.parent.name for p in (real_site.root / "category").glob("*/index.html"))[0]
    for path, ready in (("practice/", ".kb-study-form"), (f"category/{category}/", ".kb-random__button")):
        page.goto(f"{real_site.url}{prefix}{path}")
        page.locator(ready).first.wait_for()
        page.wait_for_timeout(500)  # badges and progress, written after the page's load
        assert sum(page.evaluate("window.kbShifts")) < 0.01, path


# The answer's and the analysis' headings and first blocks (further down, kb.js's reading fixes may wrap a line
# differently: not a shift a reader sees on opening the page).
POSITIONS = """() => [...document.querySelectorAll("h2#answer, h2#analysis, .kb-answer > :first-child")]
  .map(e => [e.id || e.tagName, Math.round(e.getBoundingClientRect().top + scrollY)])"""


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_question_pages_keep_the_room_of_what_their_scripts_add(reader, real_site, lang, prefix):
    """The interview-mode button, the progress box and each answer's reveal bar come from scripts that run after
    the first paint: until then their room is kept (kb.css, kb-study.css), so the headings and the answers are
    where they will be. Compared with the page whose scripts never run (its head script still runs), since when
    the first paint happens is up to the browser: Lighthouse saw the answer move down 66 px (shift 0.046)."""
    page = reader
    qid = next(p.parent.name for p in sorted((real_site.root / "qa").glob("*/index.html"))
               if 'id="analysis"' in p.read_text(encoding="utf-8"))
    url = f"{real_site.url}{prefix}qa/{qid}/"
    page.goto(url)
    page.locator(".kb-study-status .kb-badge").wait_for()
    page.locator(".kb-reveal-bar").first.wait_for()
    after = page.evaluate(POSITIONS)
    page.route(lambda u: urlsplit(u).path.rsplit("/", 1)[-1] in ("kb.js", "kb-study.js"), lambda r: r.abort())
    page.problems.allowed += ["/kb.js", "/kb-study.js"]
    page.goto(url)
    assert page.evaluate("document.documentElement.classList.contains('kb-js')")
    before = page.evaluate(POSITIONS)
    assert [name for name, _ in before] == [name for name, _ in after]
    moved = [(name, b, a) for (name, b), (_, a) in zip(before, after) if abs(a - b) > 2]
    assert not moved, moved
