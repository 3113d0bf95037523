"""The tags page and the glossary of the real site in the browser: how tall they are at desktop and phone
width, their order (pinyin for Chinese, alphabetical for English), and the links into them from question pages.

Screenshots of each page are saved to /tmp/kb-indexes-*.png to look at.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from kb.render.collation import sort_key

# Height per entry (CSS px). The pages as they were (a heading and a full-width list item per entry,
# sorted by code point): tags 40 (zh) and 51 (en) px per listed question at 1280 px, 60 and 79 on a phone;
# glossary 197 and 228 px per term at 1280 px, 255 and 326 on a phone.
TAGS_BUDGET = {("zh", "desktop"): 30, ("en", "desktop"): 36, ("zh", "phone"): 52, ("en", "phone"): 68}
GLOSSARY_BUDGET = {("zh", "desktop"): 130, ("en", "desktop"): 160, ("zh", "phone"): 225, ("en", "phone"): 290}
PREFIX = {"zh": "", "en": "en/"}


def _height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tags_page_is_compact_and_sorted(page, phone, real_site, lang):
    for device, tab in (("desktop", page), ("phone", phone)):
        tab.goto(real_site.url + PREFIX[lang] + "tags/")
        tags = tab.locator(".kb-tag-listing h2 .md-tag").all_inner_texts()
        questions = tab.locator(".kb-tag-listing li").count()
        assert len(tags) > 20 and questions > len(tags)
        assert tags == sorted(tags, key=sort_key), "tags in pinyin / alphabetical order"
        index = tab.locator(".kb-index li a").all_inner_texts()
        assert index == tags  # the index above lists the same tags in the same order
        first = tab.locator(".kb-tag-listing ul").first.locator("a").all_inner_texts()
        assert first == sorted(first, key=sort_key)
        height = _height(tab)
        tab.screenshot(path=f"/tmp/kb-indexes-tags-{lang}-{device}.png")
        assert height <= TAGS_BUDGET[lang, device] * questions, (
            f"{device}: {height} px for {questions} listed questions")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_is_compact_and_sorted(page, phone, real_site, lang):
    for device, tab in (("desktop", page), ("phone", phone)):
        tab.goto(real_site.url + PREFIX[lang] + "glossary/")
        terms = tab.locator(".kb-glossary dt").all_inner_texts()
        assert len(terms) > 20
        assert terms == sorted(terms, key=sort_key)
        letters = tab.locator(".kb-letters a").all_inner_texts()
        assert letters == sorted(letters) and "A" in letters
        height = _height(tab)
        tab.screenshot(path=f"/tmp/kb-indexes-glossary-{lang}-{device}.png")
        assert height <= GLOSSARY_BUDGET[lang, device] * len(terms), f"{device}: {height} px for {len(terms)} terms"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_tag_on_a_question_page_and_the_index_lead_to_the_tags_questions(page, real_site, lang):
    page.goto(real_site.url + PREFIX[lang] + "qa/overfitting/")
    chip = page.locator(".md-tags a.md-tag").first
    name = chip.inner_text()
    chip.click()
    page.wait_for_url("**/tags/#tag:*")
    anchor = unquote(urlsplit(page.url).fragment)
    heading = page.locator(f'[id="{anchor}"]')
    assert heading.inner_text().strip().rstrip("¶").strip() == name
    assert heading.is_visible() and 0 <= heading.bounding_box()["y"] < 400  # scrolled to, not under the header
    listed = heading.locator("xpath=following-sibling::ul[1]//a").evaluate_all("links => links.map(a => a.href)")
    assert any(href.endswith("/qa/overfitting/") for href in listed)
    # the same tag in the index above jumps to the same place
    page.goto(real_site.url + PREFIX[lang] + "tags/")
    page.locator(".kb-index a", has_text=name).first.click()
    assert unquote(urlsplit(page.url).fragment) == anchor


def test_a_glossary_link_lands_on_its_term(page, real_site):
    page.goto(real_site.url + "qa/overfitting/")
    link = page.locator('.kb-answer a[href*="glossary/#"]').first
    target = urlsplit(link.get_attribute("href")).fragment
    link.click()
    page.wait_for_url(f"**/glossary/#{target}")
    term = page.locator(f'[id="{target}"]')
    assert term.evaluate("el => el.matches(':target') && el.classList.contains('kb-term')")
    assert 0 <= term.bounding_box()["y"] < 400
