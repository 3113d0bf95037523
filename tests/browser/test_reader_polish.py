"""What a new reader met: filters that forget, a random question from anywhere, all-or-nothing answers, and
small reading faults (label breaks, small question text, underlines, focus, skip link, 404 language...)."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import axe_violations

LANGS = [("zh", ""), ("en", "en/")]
SIZES = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="session")
def real_questions():
    """The real content: id -> (category, difficulty, frequency)."""
    from kb.content.loader import load
    from tests.browser.site import REPO

    content, _ = load(REPO / "content")
    return {q.id: (q.category, q.difficulty, q.frequency) for q in content.questions}


@pytest.fixture(scope="session")
def mixed_category(real_questions):
    """The real category with the most questions among those with basic and other questions: (slug, ids)."""
    per: dict[str, list[str]] = {}
    for qid, (cat, _, _) in sorted(real_questions.items()):
        per.setdefault(cat, []).append(qid)
    levels = {cat: Counter(real_questions[q][1] for q in ids) for cat, ids in per.items()}
    fit = sorted((-len(ids), cat) for cat, ids in per.items() if levels[cat][1] >= 2 and len(levels[cat]) >= 2)
    if not fit:
        pytest.skip("no real category has two basic questions and others")
    return fit[0][1], per[fit[0][1]]


def _context(browser, size: str):
    options = {"is_mobile": True, "has_touch": True} if size == "phone" else {}
    return browser.new_context(viewport=SIZES[size], **options)


def _shown_ids(page) -> list[str]:
    return page.locator(".md-content ul:has(.kb-difficulty) > li:visible > a").evaluate_all(
        "links => links.map(a => a.href.replace(/\\/$/, '').split('/').pop())")


def _qid(url: str) -> str:
    return urlsplit(url).path.rstrip("/").split("/")[-1]


# 1. Category pages: filters kept and in the address; random from the category and its filters

@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_filters_are_kept_across_reloads_and_shared_by_the_address(browser, real_site, real_questions, mixed_category,
                                                                   lang, prefix, size):
    slug, ids = mixed_category
    basic = sorted(q for q in ids if real_questions[q][1] == 1)
    context = _context(browser, size)
    page = context.new_page()
    url = real_site.url + f"{prefix}category/{slug}/"
    page.goto(url)
    page.locator('.kb-filter[data-key="difficulty"] button[data-value="1"]').click()
    assert parse_qs(urlsplit(page.url).query) == {"difficulty": ["1"]}  # a filtered view can be shared
    assert sorted(_shown_ids(page)) == basic
    page.goto(url)  # the plain address: the kept choice applies, and the address shows it
    assert sorted(_shown_ids(page)) == basic
    assert parse_qs(urlsplit(page.url).query) == {"difficulty": ["1"]}
    pressed = page.locator('.kb-filter[data-key="difficulty"] button[aria-pressed="true"]')
    assert pressed.get_attribute("data-value") == "1"
    count = page.locator(".kb-count").inner_text()
    assert count == (f"{len(basic)} / {len(ids)} 道题" if lang == "zh" else f"{len(basic)} of {len(ids)} questions")
    page.reload()
    assert sorted(_shown_ids(page)) == basic

    # the address wins over what is kept: a shared link shows what it names (here: no difficulty, often asked)
    page.goto(url + "?frequency=2")
    often = sorted(q for q in ids if real_questions[q][2] == 2)
    assert sorted(_shown_ids(page)) == often
    assert page.locator('.kb-filter[data-key="difficulty"] button[aria-pressed="true"]').get_attribute(
        "data-value") == ""
    page.goto(url)  # ... without changing the reader's own choice
    assert sorted(_shown_ids(page)) == basic
    page.locator('.kb-filter[data-key="difficulty"] button[data-value=""]').click()
    assert urlsplit(page.url).query == ""
    page.goto(url)
    assert len(_shown_ids(page)) == len(ids)
    context.close()


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_random_on_a_category_page_draws_from_the_category_and_its_filters(page, real_site, real_questions,
                                                                           mixed_category, lang, prefix):
    slug, ids = mixed_category
    basic = {q for q in ids if real_questions[q][1] == 1}
    url = real_site.url + f"{prefix}category/{slug}/?difficulty=1"
    picks = []
    for _ in range(8):
        page.goto(url)
        with page.expect_navigation():
            page.locator(".kb-random button").click()
        assert urlsplit(page.url).path.startswith(f"/{prefix}qa/")
        picks.append(_qid(page.url))
    assert set(picks) <= basic, picks  # before: 0 of 8 picks were questions of the category


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_random_on_a_question_page_stays_in_its_category(page, real_site, real_questions, mixed_category, lang,
                                                         prefix):
    slug, ids = mixed_category
    start = ids[0]
    picks = []
    for _ in range(5):
        page.goto(real_site.url + f"{prefix}qa/{start}/")
        with page.expect_navigation():
            page.locator(".kb-random button").click()
        picks.append(_qid(page.url))
    assert all(real_questions[q][0] == slug for q in picks), picks
    assert start not in picks


# 2. Question pages: one part at a time; interview mode hides what gives the answer away

@pytest.mark.parametrize(("lang", "prefix", "show", "hide", "show_all"), [
    ("zh", "", "显示答案", "隐藏答案", "显示全部答案"),
    ("en", "en/", "Show the answer", "Hide the answer", "Show all answers"),
])
def test_one_part_of_the_answer_can_be_hidden_and_shown_from_the_keyboard(page, fixture_site, lang, prefix, show,
                                                                          hide, show_all):
    page.goto(fixture_site.url + f"{prefix}qa/data-skew/")
    answers = page.locator(".kb-answer")
    toggles = page.locator(".kb-reveal")
    assert toggles.count() == answers.count() == 2
    answer, analysis = answers.nth(0), answers.nth(1)
    first = toggles.nth(0)
    assert first.get_attribute("aria-controls") == answer.get_attribute("id")
    assert first.get_attribute("aria-expanded") == "true" and first.inner_text() == hide
    first.focus()
    page.keyboard.press("Enter")
    assert not answer.is_visible() and analysis.is_visible()
    assert first.get_attribute("aria-expanded") == "false" and first.inner_text() == show
    assert page.locator(".kb-hidden-note:visible").count() == 1
    page.keyboard.press("Space")
    assert answer.is_visible() and first.get_attribute("aria-expanded") == "true"

    # interview mode hides every part and what gives the answer away; one part can then be shown alone
    page.locator(".kb-mode button").click()
    assert page.locator(".kb-mode button").inner_text() == show_all
    assert not answer.is_visible() and not analysis.is_visible()
    assert page.locator(".kb-aliases").count() and not page.locator(".kb-aliases").is_visible()
    notes = page.locator("#related ~ ul .kb-spoiler")
    assert notes.count() and not notes.first.is_visible()
    toggles.nth(1).click()
    assert analysis.is_visible() and not answer.is_visible()
    assert toggles.nth(1).get_attribute("aria-expanded") == "true"
    page.reload()  # interview mode is kept, a part shown alone is not
    assert not answer.is_visible() and not analysis.is_visible()
    assert toggles.nth(0).get_attribute("aria-expanded") == "false"
    page.locator(".kb-mode button").click()
    assert answer.is_visible() and analysis.is_visible() and notes.first.is_visible()


# 3. Reading polish

@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_labels_never_break_and_the_question_is_at_body_size(phone, real_site, mixed_category, lang, prefix):
    slug, ids = mixed_category
    for path in (f"category/{slug}/", f"qa/{ids[0]}/"):
        phone.goto(real_site.url + prefix + path)
        lines = phone.locator(".kb-difficulty, .kb-frequency, .kb-filter button, .kb-meta__item").evaluate_all(
            # lines: boxes that do not overlap vertically (a nested span in another font starts a few px lower)
            """marks => marks.map(m => { const r = document.createRange(); r.selectNodeContents(m);
                 const boxes = [...r.getClientRects()].sort((a, b) => a.top - b.top);
                 let lines = 0, bottom = -Infinity;
                 for (const x of boxes) { if (x.top >= bottom - 1) { lines++; bottom = x.bottom; }
                                          else bottom = Math.max(bottom, x.bottom); }
                 return [m.textContent, lines]; })""")
        assert lines and all(n == 1 for _, n in lines), [t for t, n in lines if n != 1]
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    question = phone.locator(".admonition.question p:not(.admonition-title)").first.evaluate(size)
    answer = phone.locator(".kb-answer p").first.evaluate(size)
    assert question >= answer >= 16


def test_underlines_stop_at_a_title_ending_in_full_width_punctuation(page, real_site, mixed_category):
    # Chinese titles only: English ones end in "?" (half-width, no blank half)
    slug, _ = mixed_category
    page.goto(real_site.url + f"category/{slug}/")
    overhang = page.evaluate("""() => [...document.querySelectorAll('.md-content li > a')]
        .filter(a => /[？）]$/.test(a.textContent)).map(a => {
          const rects = a.getClientRects(), last = rects[rects.length - 1];
          const r = document.createRange(), text = a.lastChild.firstChild || a.lastChild;
          r.setStart(text, text.length - 1); r.setEnd(text, text.length);
          const glyph = r.getBoundingClientRect();
          return (last.right - glyph.left) / parseFloat(getComputedStyle(a).fontSize); })""")
    if not overhang:
        pytest.skip("no title in this category ends in full-width punctuation")
    assert max(overhang) <= 0.6, overhang  # the glyph's half, not its whole em


@pytest.mark.parametrize(("prefix", "title"), [("", "本节链接"), ("en/", "Link to this section")])
def test_heading_links_are_named_in_the_language_of_the_page(fixture_site, prefix, title):
    # In the HTML as served, before any script: a reader without JavaScript and a crawler see the same name.
    for path in ("qa/data-skew/", "glossary/", "category/systems/", "tracks/", "print/category/systems/"):
        html = (fixture_site.root / prefix / path / "index.html").read_text(encoding="utf-8")
        names = set(re.findall(r'<a class="headerlink" href="#[^"]*" title="([^"]*)">', html))
        assert names == {title}, (path, names)


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize(("address", "lang", "heading", "title", "switch"), [
    ("qa/no-such-page/", "zh-Hans", "页面不存在", "页面不存在 - 大模型工程面试知识库", "选择当前语言"),
    ("en/qa/no-such-page/", "en", "Page not found", "Page not found - LLM Engineering Interview Knowledge Base",
     "Select language"),
])
def test_the_404_page_follows_the_language_of_the_address(browser, fixture_site, size, address, lang, heading, title,
                                                          switch):
    context = _context(browser, size)
    page = context.new_page()
    response = page.goto(fixture_site.url + address)
    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1:visible").all_inner_texts() == [heading]
    assert page.title() == title
    assert page.locator(".md-header__topic .md-ellipsis").first.inner_text() == title.split(" - ")[1]
    assert page.locator(".md-select > button").get_attribute("aria-label") == switch
    assert page.locator(".md-sidebar--primary").count() == 0  # no sidebar in the build's language
    page.keyboard.press("Tab")  # a skip link first, to the text
    assert page.evaluate("document.activeElement.className").startswith("md-skip")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.kb-404')")
    assert axe_violations(page) == []
    context.close()


def test_the_404_page_shows_both_languages_without_javascript(browser, fixture_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_site.url + "qa/no-such-page/")
    assert page.locator("h1:visible").all_inner_texts() == ["页面不存在", "Page not found"]
    assert page.locator('.kb-404__part[lang="zh-Hans"]').count() == 1
    context.close()


def test_the_language_switch_keeps_the_section(page, fixture_site):
    page.goto(fixture_site.url + "qa/data-skew/#related")
    page.locator(".md-header .md-select").hover()
    page.locator('.md-select a[hreflang="en"]').click()
    page.wait_for_url(fixture_site.url + "en/qa/data-skew/#related")
    page.locator(".md-header .md-select").hover()
    page.locator('.md-select a[hreflang="zh"]').click()
    page.wait_for_url(fixture_site.url + "qa/data-skew/#related")


@pytest.mark.parametrize(("prefix", "more"), [("", "在术语表中查看"), ("en/", "Open in the glossary")])
def test_a_tapped_glossary_term_shows_its_definition_in_place(phone, fixture_site, prefix, more):
    url = fixture_site.url + f"{prefix}qa/data-skew/"
    phone.goto(url)
    term = phone.locator('.kb-answer a[href*="glossary/#"]').first
    term.tap()
    box = phone.locator(".kb-term")
    box.wait_for()
    assert phone.url == url
    assert term.get_attribute("aria-expanded") == "true"
    assert term.get_attribute("aria-controls") == box.get_attribute("id")
    assert box.inner_text().endswith(more) and len(box.inner_text()) > len(more) + 5
    assert axe_violations(phone) == []
    phone.keyboard.press("Escape")
    assert box.count() == 0 and term.get_attribute("aria-expanded") == "false"
    term.tap()
    phone.locator(".kb-term a").tap()  # the link inside follows
    phone.wait_for_url(re.compile(r"/glossary/#"))
    phone.goto(url)
    term.tap()
    term.tap()  # a second tap on the term follows it
    phone.wait_for_url(re.compile(r"/glossary/#"))


def test_a_clicked_glossary_term_still_leads_to_the_glossary(page, fixture_site):
    page.goto(fixture_site.url + "qa/data-skew/")
    page.locator('.kb-answer a[href*="glossary/#"]').first.click()
    page.wait_for_url(re.compile(r"/glossary/#"))


FOCUS = """() => { const e = document.activeElement; const seen = e.matches('input.md-option')
    ? e.nextElementSibling : e.matches('.kb-search__input') ? e.closest('form') : e;
  const s = getComputedStyle(seen); const r = e.getBoundingClientRect();
  return { what: e.tagName + '.' + e.className + ' ' + (e.textContent || e.ariaLabel || '').trim().slice(0, 20),
           ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 || s.boxShadow !== 'none',
           content: !!e.closest('.md-content') }; }"""


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_every_tab_stop_shows_focus_and_a_skip_link_comes_first(browser, fixture_site, size, lang, prefix):
    context = _context(browser, size)
    page = context.new_page()
    page.goto(fixture_site.url + f"{prefix}qa/data-skew/")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS))
    assert stops[0]["what"].startswith("A.md-skip")
    # (BODY: past the last stop, focus is in the browser's own controls)
    assert [s["what"] for s in stops if not s["ring"] and not s["what"].startswith("BODY")] == []
    # the current language's entry of the switch leads to this page: no tab stop
    assert not any(s["what"].split(" ", 1)[1] == ("中文" if lang == "zh" else "English") for s in stops)
    page.goto(fixture_site.url + f"{prefix}qa/data-skew/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["content"]  # the skip link leads past the header and the navigation
    # the search dialog, empty: its box and its close button show focus
    page.locator("header .kb-search__open").click()
    page.locator(".kb-search__input").wait_for(state="visible")
    assert page.evaluate(FOCUS)["ring"]
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["what"].startswith("BUTTON.kb-search__close") and page.evaluate(FOCUS)["ring"]
    context.close()


def test_tables_do_not_break_inside_numbers_on_a_phone(phone, real_site):
    pages = sorted(p for p in real_site.root.glob("qa/*/index.html")
                   if re.search(r"<td>[^<]*\d+e-\d", p.read_text(encoding="utf-8")))
    if not pages:
        pytest.skip("no real table holds a number such as 2e-5")
    phone.goto(real_site.url + f"qa/{pages[0].parent.name}/")
    split = phone.evaluate("""() => { const out = []; let n = 0;
      for (const td of document.querySelectorAll('.md-typeset td')) {
        const w = document.createTreeWalker(td, NodeFilter.SHOW_TEXT); let t;
        const text = td.textContent;
        for (const m of text.matchAll(/\\d+(?:\\.\\d+)?e-\\d+/g)) n++;
        while ((t = w.nextNode())) for (const m of t.data.matchAll(/\\d+(?:\\.\\d+)?e-\\d+/g)) {
          const r = document.createRange(); r.setStart(t, m.index); r.setEnd(t, m.index + m[0].length);
          if (new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1) out.push(m[0]); } }
      return [n, out]; }""")
    assert split[0] > 0 and split[1] == [], split


@pytest.mark.parametrize(("lang", "prefix", "site"), [("zh", "", "大模型工程面试知识库"),
                                                      ("en", "en/", "LLM Engineering Interview Knowledge Base")])
def test_the_site_name_shows_once_in_the_desktop_navigation(page, fixture_site, lang, prefix, site):
    page.goto(fixture_site.url + prefix + "qa/data-skew/")
    texts = page.locator(".md-sidebar--primary :is(.md-nav__title, .md-nav__link):visible").all_inner_texts()
    assert [t.strip() for t in texts].count(site) == 1, texts


# 4. axe on the pages these change, both languages

@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_changed_pages_have_no_serious_accessibility_violations(page, phone, real_site, mixed_category, lang, prefix):
    slug, ids = mixed_category
    page.goto(real_site.url + f"{prefix}category/{slug}/?difficulty=1&frequency=2")
    assert axe_violations(page) == []
    page.goto(real_site.url + f"{prefix}qa/{ids[0]}/")
    page.locator(".kb-reveal").first.click()  # one part hidden
    assert axe_violations(page) == []
    page.locator(".kb-mode button").click()  # interview mode with one part shown
    page.locator(".kb-reveal").last.click()
    assert axe_violations(page) == []
    page.locator(".kb-mode button").click()
    phone.goto(real_site.url + f"{prefix}category/{slug}/")
    assert axe_violations(phone) == []


def test_a_filter_reads_values_another_script_sets_on_the_items(page, real_site, mixed_category):
    """The mechanism another row (kb-study.js: progress) uses: an item's own data-<key> wins over its mark, and
    "kb:filter" on document filters the list again."""
    slug, ids = mixed_category
    page.goto(real_site.url + f"en/category/{slug}/?difficulty=3")
    shown = len(_shown_ids(page))
    assert shown < len(ids)
    page.evaluate("""() => { document.querySelectorAll('.md-content ul:has(.kb-difficulty) > li')
        .forEach(li => { li.dataset.difficulty = '3'; }); document.dispatchEvent(new Event('kb:filter')); }""")
    assert len(_shown_ids(page)) == len(ids)
    assert page.locator(".kb-count").inner_text() == f"{len(ids)} of {len(ids)} questions"


@pytest.mark.parametrize(("prefix", "name"), [("", "切换到深色模式"), ("en/", "Switch to dark mode")])
def test_the_colour_scheme_toggle_is_named_in_the_language_of_the_page(page, fixture_site, prefix, name):
    page.goto(fixture_site.url + prefix + "qa/data-skew/")
    assert page.locator('input.md-option[data-md-color-scheme="default"]').get_attribute("aria-label") == name
    assert page.locator('label.md-header__button[for="__palette_1"]').get_attribute("title") == name


@pytest.mark.parametrize(("lang", "prefix", "menu"), [("zh", "", "导航菜单"), ("en", "en/", "Navigation menu")])
def test_on_a_phone_the_closed_menu_takes_no_tab_stops_and_opens_from_the_keyboard(phone, fixture_site, lang, prefix,
                                                                                   menu):
    phone.goto(fixture_site.url + f"{prefix}qa/data-skew/")
    before = []
    while True:
        phone.keyboard.press("Tab")
        stop = phone.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
            return { content: !!e.closest('.md-content'), drawer: !!e.closest('.md-sidebar--primary'),
                     onScreen: r.right > 0 && r.left < innerWidth, name: e.ariaLabel || e.textContent.trim() }; }""")
        if stop["content"]:
            break
        before.append(stop)
        assert len(before) < 12, before
    assert not any(s["drawer"] for s in before) and all(s["onScreen"] for s in before[1:]), before
    assert len(before) <= 7, before  # skip link, menu, colour scheme, language, other language, search (was 25)
    opener = phone.locator('.md-header label[for="__drawer"]')
    assert opener.get_attribute("aria-label") == menu and opener.get_attribute("aria-expanded") == "false"
    opener.focus()
    phone.keyboard.press("Enter")
    assert opener.get_attribute("aria-expanded") == "true"
    phone.wait_for_function("!!document.activeElement.closest('.md-sidebar--primary')")
    phone.keyboard.press("Escape")
    assert opener.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    opener.tap()  # a finger still opens it
    assert phone.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
