"""What a reader does in the browser: search as a person types, and ask axe-core what it finds."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.site import REPO

AXE = REPO / "node_modules/axe-core/axe.min.js"


def open_search(page, key: str | None = None) -> None:
    """Open the search dialog from the header button (or with a key such as "/" or "Control+K")."""
    if key:
        page.locator("body").press(key)
    else:
        page.locator("header .kb-search__open").click()
    page.locator(".kb-search__input").wait_for(state="visible")


def search(page, query: str, open_from_header: bool = True) -> list[tuple[str, str]]:
    """Type ``query`` into the site's search; return the results as (title, path), best first.

    Playwright's typing of Chinese fires no key events; the box is filled and gets the input event an IME
    sends when a word is committed (kb-search.js ignores input while a word is being composed).
    """
    if not page.locator(".kb-search__dialog[open]").count():
        open_search(page, None if open_from_header else "/")
    box = page.locator(".kb-search__input")
    for attempt in range(2):
        box.fill(query)
        box.dispatch_event("input")
        page.wait_for_function(  # kb-search.js marks the list with the query its results are for
            "query => document.querySelector('.kb-search__results').dataset.query === query", arg=query, timeout=15_000)
        status = page.locator(".kb-search__status").inner_text()
        if "mkdocs build" not in status:  # the index did not load (a reader would type again): once more
            break
        page.evaluate("document.querySelector('.kb-search__results').dataset.query = ''")
    links = page.locator(".kb-search__results a.kb-search__result")
    results = links.evaluate_all(
        """links => links.map(a => [a.querySelector(".kb-search__title").textContent, a.href])"""
    )
    return [(title.strip(), urlsplit(href).path) for title, href in results]


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the current page, one line per rule.

    Transitions are finished first: axe reads computed colours, and a button caught mid-transition (Material fades
    colours over 0.25 s) has a colour no reader sees at rest; on a loaded machine that failed colour-contrast."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.wait_for_timeout(50)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: {node['target'][0]}: {node['failureSummary'][:300]}"
        for v in result["violations"] if v["impact"] in impacts
        for node in v["nodes"][:3]
    ]
