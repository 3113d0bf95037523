"""What a reader does in the browser: search as a person types, and ask axe-core what it finds."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.site import REPO

AXE = REPO / "node_modules/axe-core/axe.min.js"
ZWSP = "\u200b"


def search(page, query: str, open_from_header: bool = False) -> list[tuple[str, str]]:
    """Type ``query`` into Material's search box; return the results as (title, path) per page, best first.

    Material reacts to keyup; Playwright's typing of Chinese fires no key events, so the box is filled
    and then gets the input and keyup events an IME sends when a word is committed (STACK.md). On a
    phone the search box opens from the header button first.
    """
    if open_from_header:
        page.click("header label.md-header__button[for=__search]")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    for attempt in range(3):
        results = _type_and_read(page, box, query)
        if results:
            return results
        # Typed while the search worker was still loading its index: Material can report "no results" for
        # that first query. A reader would type on; type the same query again (a real miss stays empty).
        page.wait_for_timeout(500 * (attempt + 1))
    return results


def _type_and_read(page, box, query: str) -> list[tuple[str, str]]:
    box.fill(query)
    box.dispatch_event("input")
    box.dispatch_event("keyup")
    page.wait_for_function(
        """query => {
            const meta = document.querySelector(".md-search-result__meta");
            const ready = meta && /\\d|没有|No matching/.test(meta.textContent);
            return ready && document.querySelector(".md-search__input").value === query;
        }""",
        arg=query,
    )
    items = page.locator("ol.md-search-result__list > li.md-search-result__item")
    results = items.evaluate_all(
        """items => items.map(item => {
            const link = item.querySelector("a.md-search-result__link");
            const title = link.querySelector("h1, h2");
            return [title ? title.textContent : "", link.href];
        })"""
    )
    return [(title.replace(ZWSP, "").strip(), urlsplit(href).path) for title, href in results]


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the current page, one line per rule."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {node['target'][0]}: {node['failureSummary'][:300]}"
        for v in result["violations"] if v["impact"] in impacts
        for node in v["nodes"][:3]
    ]
