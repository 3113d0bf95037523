"""axe-core finds no serious or critical violation on the main pages and the search results, in both languages."""

from __future__ import annotations

import pytest

from tests.browser.helpers import axe_violations, search

LANGS = [("zh", ""), ("en", "en/")]


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
@pytest.mark.parametrize("kind", ["home", "category", "question", "question, answers hidden", "tags", "glossary",
                                  "contributing"])
def test_pages(page, real_site, real_pages, lang, prefix, kind):
    page.goto(real_site.url + prefix + real_pages[kind.split(",")[0]])
    if kind.endswith("hidden"):
        page.locator(".kb-mode button").click()
    assert axe_violations(page) == []


def test_404_page(page, real_site):
    page.problems.allowed.append("/no-such-page/")
    page.goto(real_site.url + "no-such-page/")
    assert axe_violations(page) == []


@pytest.mark.parametrize("kind", ["question", "category"])
def test_dark_scheme(browser, real_site, real_pages, kind):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(real_site.url + "en/" + real_pages[kind])
    for button in page.locator(".kb-mode button, .kb-filter button").all()[:2]:
        button.click()  # pressed and focused states too
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_search_results(page, real_site, lang, prefix):
    page.goto(real_site.url + prefix)
    assert search(page, "显存" if lang == "zh" else "memory")
    assert axe_violations(page) == []


@pytest.mark.parametrize(("lang", "prefix"), LANGS)
def test_phone_search_results(phone, real_site, lang, prefix):
    phone.goto(real_site.url + prefix)
    assert search(phone, "显存" if lang == "zh" else "memory", open_from_header=True)
    assert axe_violations(phone) == []


@pytest.fixture(scope="session")
def real_pages(real_site) -> dict[str, str]:
    """One page of each kind in the real site (paths relative to a language root)."""
    question = sorted(p.parent.name for p in (real_site.root / "qa").glob("*/index.html"))[0]
    category = sorted(p.parent.name for p in (real_site.root / "category").glob("*/index.html"))[0]
    return {"home": "", "category": f"category/{category}/", "question": f"qa/{question}/", "tags": "tags/",
            "glossary": "glossary/", "contributing": "contributing/"}
