"""Screenshots of the main pages at phone (390x844) and desktop (1280x800) size, in both languages.

Builds the site from content/ into a temporary folder, serves it on 127.0.0.1 and writes PNGs to
build/screenshots/ (git-ignored). Look at them after changing templates, CSS or the renderer:

    .venv/bin/python scripts/screenshots.py [--full-page]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, DESKTOP, FLAGS, PHONE  # noqa: E402
from tests.browser.helpers import search  # noqa: E402
from tests.browser.site import Server, project, start_build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full-page", action="store_true", help="the whole page, not only the first screen")
    parser.add_argument("--out", type=Path, default=ROOT / "build/screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp) / "src", ROOT / "content")
        server = Server(root / "site")
        build = start_build(root, server.url)
        _, stderr = build.communicate()
        if build.returncode:
            sys.exit(stderr)
        server.start()
        question = sorted(p.parent.name for p in (root / "site/qa").glob("*/index.html"))[0]
        category = sorted(p.parent.name for p in (root / "site/category").glob("*/index.html"))[0]
        pages = {"home": "", "category": f"category/{category}/", "question": f"qa/{question}/",
                 "glossary": "glossary/", "404": "qa/no-such-question/"}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                phone = size == "phone"
                context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone,
                                              device_scale_factor=2 if phone else 1)
                page = context.new_page()
                for lang, prefix in (("zh", ""), ("en", "en/")):
                    for name, path in pages.items():
                        page.goto(server.url + prefix + path)
                        page.screenshot(path=args.out / f"{size}-{lang}-{name}.png", full_page=args.full_page)
                    page.goto(server.url + prefix)
                    search(page, "显存" if lang == "zh" else "memory", open_from_header=phone)
                    page.screenshot(path=args.out / f"{size}-{lang}-search.png")
                    if phone:
                        page.goto(server.url + prefix)
                        page.click("header label.md-header__button[for=__drawer]")
                        page.wait_for_timeout(400)
                        page.screenshot(path=args.out / f"{size}-{lang}-menu.png")
                context.close()
            browser.close()
        server.stop()
    print(f"screenshots in {args.out}")


if __name__ == "__main__":
    main()
