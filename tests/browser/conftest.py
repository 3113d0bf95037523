"""Browser tests: Playwright drives Debian's Chromium against sites built from this repository.

Two sites are built once per test run (shared by pytest-xdist's processes), at the same time, and served on
127.0.0.1 like GitHub Pages serves them:
``fixture`` (tests/data/content, 3 questions: exact expectations) and ``real`` (content/, whatever is there).
Every page a test opens is checked for JavaScript errors and failed requests to the site itself.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from filelock import FileLock

from tests.browser.site import REPO, project, serve, start_build
from tests.conftest import record_server, run_owner, shared_folder

playwright_api = pytest.importorskip("playwright.sync_api", reason="install the test extra: pip install -e '.[test]'")

CHROMIUM = "/usr/bin/chromium"
# The network is closed here; without these flags Chromium keeps trying to reach outside hosts (STACK.md).
FLAGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--disable-dev-shm-usage"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} missing: scripts/test.sh installs it (apt-get install chromium)")
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(skip)


@dataclass(frozen=True)
class Site:
    """A built site and the address it is served at (by a server process of the test run)."""

    root: Path
    url: str


@pytest.fixture(scope="session")
def sites() -> dict[str, Site]:
    """Built once per test run, even when pytest-xdist runs tests in several processes: the first process that
    asks builds them and starts their servers; the others wait for it and use them (tests/conftest.py stops the
    servers at the end of the run)."""
    shared = shared_folder()
    state = shared / "browser-sites.json"
    with FileLock(str(shared / "browser-sites.lock")):
        if not state.exists():
            state.write_text(json.dumps(_build_sites(shared / "browser")), encoding="utf-8")
    data = json.loads(state.read_text(encoding="utf-8"))
    if "error" in data:
        pytest.fail(data["error"])
    return {name: Site(Path(info["root"]), info["url"]) for name, info in data.items()}


def _build_sites(root: Path) -> dict:
    sources = {"fixture": REPO / "tests/data/content", "real": REPO / "content"}
    servers = {}
    for name in sources:
        proc, url = serve(root / name / "site", owner=run_owner())
        record_server(proc.pid)
        servers[name] = url
    builds = {name: start_build(project(root / name, content), servers[name]) for name, content in sources.items()}
    out: dict = {name: {"root": str(root / name / "site"), "url": servers[name]} for name in sources}
    for name, build in builds.items():
        _, stderr = build.communicate(timeout=600)
        if build.returncode != 0:
            out = {"error": f"mkdocs build of the {name} site failed:\n{stderr}"}
    return out


@pytest.fixture(scope="session")
def fixture_site(sites) -> Site:
    return sites["fixture"]


@pytest.fixture(scope="session")
def real_site(sites) -> Site:
    return sites["real"]


@pytest.fixture(scope="session")
def real_content() -> dict:
    """The real questions' text per language (id -> text), and (id, first alias) pairs per language."""
    from kb.content.loader import load

    content, _ = load(REPO / "content")
    out: dict = {"zh": {}, "en": {}, "zh_aliases": [], "en_aliases": []}
    for q in sorted(content.questions, key=lambda q: q.id):
        for lang in ("zh", "en"):
            text = getattr(q, lang)
            if text is None:
                continue
            out[lang][q.id] = " ".join(filter(None, (text.title, text.question, text.answer, text.analysis)))
            if text.aliases:
                out[f"{lang}_aliases"].append((q.id, text.aliases[0]))
    return out


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


class Problems:
    """JavaScript errors and failed requests of one page, collected while a test runs."""

    def __init__(self, page) -> None:
        self.items: list[str] = []
        self.allowed: list[str] = []  # parts of URLs a test expects to fail (a 404 page)
        page.on("pageerror", lambda error: self.items.append(f"JavaScript error: {error}"))
        page.on("console", self.console)
        page.on("requestfailed", self.failed)
        page.on("response", lambda res: res.status >= 400 and not self.expected(res.url)
                and self.items.append(f"HTTP {res.status}: {res.url}"))

    def expected(self, url: str) -> bool:
        return any(part in url for part in self.allowed)

    def console(self, msg) -> None:
        if msg.type == "error" and not self.expected(msg.location.get("url", "")):
            self.items.append(f"console: {msg.text} {msg.location}")

    def failed(self, request) -> None:
        # Requests still running when a test navigates away are aborted: that is not a failure.
        if request.failure != "net::ERR_ABORTED" and not self.expected(request.url):
            self.items.append(f"request failed: {request.url} {request.failure}")


def _page(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    page.problems = Problems(page)
    yield page
    problems = page.problems.items
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture
def page(browser):
    """A desktop-sized page (1280x800) that fails the test on any JavaScript error or failed request."""
    yield from _page(browser, DESKTOP)


@pytest.fixture
def phone(browser):
    """A phone-sized page (390x844, touch)."""
    yield from _page(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
