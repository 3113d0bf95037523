"""A reader's first visit: every byte Chromium downloads for a page of a built site, gzipped.

    python scripts/_page_weight.py site/            # after `mkdocs build`
    python scripts/benchmark.py --sizes real --weight

Serves the built site from a local HTTP server, opens a question page (and the home page) in headless
Chromium (/usr/bin/chromium, see STACK.md), waits until the network is idle, and lists every
response. Sizes are what a web server such as GitHub Pages sends: text (HTML, CSS, JS, JSON, SVG,
XML) gzipped at level 6, binary formats (fonts, images) as they are. Each page is reported twice:
as loaded, and after the reader opens the search box (which loads the search index, kept out of the
page load by overrides/main.html).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
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


def visit(site: Path, pages: list[str]) -> list[Visit]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out: list[Visit] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for page_path in pages:
                    context = browser.new_context()  # empty cache: a first visit
                    got: dict[str, Resource] = {}

                    def on_response(resp, got=got) -> None:
                        path = urlsplit(resp.url).path
                        if not resp.url.startswith(base) or resp.status != 200:
                            return
                        try:
                            body = resp.body()
                        except Exception:  # noqa: BLE001 - e.g. a redirect without a body
                            return
                        got[path] = Resource(path, len(body), _sent(path, body))

                    context.on("response", on_response)
                    page = context.new_page()
                    page.goto(base + page_path, wait_until="networkidle")
                    page.wait_for_timeout(1000)
                    out.append(Visit(page_path, sorted(got.values(), key=lambda r: -r.sent)))
                    # then the reader goes to the search box: the index (and what search needs) loads
                    page.locator("[data-md-component=search-query]").first.click()
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(1500)
                    out.append(Visit(page_path + " + search", sorted(got.values(), key=lambda r: -r.sent)))
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
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
