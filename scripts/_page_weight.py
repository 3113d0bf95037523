"""A reader's first visit: every byte Chromium downloads for a page of a built site, gzipped.

    python scripts/_page_weight.py site/            # after `mkdocs build`
    python scripts/benchmark.py --sizes real --weight

Serves the built site from a local HTTP server, opens a question page (and the home page) in headless
Debian's Chromium (/usr/bin/chromium; never a downloaded browser), waits until the network is idle, and lists every
response. Sizes are what a web server such as GitHub Pages sends: text (HTML, CSS, JS, JSON, SVG,
XML) gzipped at level 6, binary formats (fonts, images, Pagefind's index files, which Pagefind
compresses itself) as they are. Each page is reported twice: as loaded, and after the reader opens the
search dialog (which loads Pagefind's script, kept out of the page load by docs/assets/kb-search.js).

``first_query`` measures a reader's first search on a page: the bytes from opening the search to the
results on screen, and the time from the query's input event to the results, with the CPU throttled.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", "/")


@dataclass
class Resource:
    path: str
    raw: int
    sent: int  # gzipped for text, raw for binary


@dataclass
class Visit:
    page: str
    resources: list[Resource]

    @property
    def total(self) -> int:
        return sum(r.sent for r in self.resources)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _sent(path: str, body: bytes) -> int:
    return len(gzip.compress(body, 6, mtime=0)) if path.endswith(TEXT) else len(body)


@contextlib.contextmanager
def _served(site: Path) -> Iterator[tuple[object, str]]:
    """Headless Chromium and the address of ``site`` served over HTTP, both closed afterwards."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser, f"http://127.0.0.1:{server.server_address[1]}"
            finally:
                browser.close()
    finally:
        server.shutdown()


def _recorder(base: str, got: dict[str, Resource], key: Callable[[str], str]) -> Callable:
    """A response handler that records each successful response of the site in ``got`` under ``key(url)``."""
    def on_response(resp) -> None:
        if not resp.url.startswith(base) or resp.status != 200:
            return
        try:
            body = resp.body()
        except Exception:  # noqa: BLE001 - e.g. a redirect without a body
            return
        path = urlsplit(resp.url).path
        got[key(resp.url)] = Resource(path, len(body), _sent(path, body))
    return on_response


def visit(site: Path, pages: list[str]) -> list[Visit]:
    out: list[Visit] = []
    with _served(site) as (browser, base):
        for page_path in pages:
            context = browser.new_context()  # empty cache: a first visit
            got: dict[str, Resource] = {}
            context.on("response", _recorder(base, got, lambda url: urlsplit(url).path))
            page = context.new_page()
            page.goto(base + page_path, wait_until="networkidle")
            page.wait_for_timeout(1000)
            out.append(Visit(page_path, sorted(got.values(), key=lambda r: -r.sent)))
            # then the reader opens the search: what search needs loads
            page.locator(".kb-search__open").first.click()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)
            out.append(Visit(page_path + " + search", sorted(got.values(), key=lambda r: -r.sent)))
            context.close()
    return out


@dataclass
class Query:
    page: str
    query: str
    sent: int  # bytes from opening the search to the results, as a server sends them
    seconds: float  # from the query's input event to the results on screen
    requests: int
    results: int
    largest: str = ""  # the largest responses: "name kB, ..."


_TYPE_AND_WAIT = """async query => {
    const input = document.querySelector(".kb-search__input");
    const list = document.querySelector(".kb-search__results");
    input.value = query;
    const start = performance.now();
    input.dispatchEvent(new Event("input", {bubbles: true}));
    while (list.dataset.query !== query) await new Promise(r => requestAnimationFrame(r));
    return [(performance.now() - start) / 1000, list.children.length];
}"""


def first_query(site: Path, searches: list[tuple[str, str]], throttle: float = 4.0) -> list[Query]:
    """For each (page path, query): load the page, open the search, type the query; bytes and time."""
    out: list[Query] = []
    with _served(site) as (browser, base):
        for page_path, query in searches:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + page_path, wait_until="networkidle")
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
            got: dict[str, Resource] = {}
            page.on("response", _recorder(base, got, lambda url: url))
            page.keyboard.press("/")
            page.locator(".kb-search__input").wait_for(state="visible")
            seconds, results = page.evaluate(_TYPE_AND_WAIT, query)
            page.wait_for_load_state("networkidle")
            top = sorted(got.values(), key=lambda r: -r.sent)[:4]
            largest = ", ".join(f"{Path(r.path).name} {r.sent / 1000:.0f}" for r in top)
            out.append(Query(page_path, query, sum(r.sent for r in got.values()), seconds, len(got), results,
                             largest))
            context.close()
    return out


def first_visit(site: Path) -> list[Visit]:
    question = sorted(p.parent.name for p in (site / "qa").glob("*/index.html"))
    middle = question[len(question) // 2]
    pages = [f"/qa/{middle}/", f"/en/qa/{middle}/", "/"]
    return visit(site, pages)


def report(visits: list[Visit]) -> list[str]:
    out = ["A reader's first visit (every response, text gzipped at level 6):", ""]
    for v in visits:
        out.append(f"- `{v.page}`: **{v.total / 1000:.0f} kB** in {len(v.resources)} responses: "
                   + ", ".join(f"{Path(r.path.rstrip('/')).name or '/'} {r.sent / 1000:.0f}" for r in v.resources[:8]))
    return out


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    site = Path(args[0] if args else "site")
    print("\n".join(report(first_visit(site))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
