"""Measure how long `mkdocs serve` takes to show an edit of a question file.

Usage: python scripts/serve_latency.py [PROJECT_DIR] [--lang zh|en|both] [--rounds 3] [--port 8765]

Starts `mkdocs serve` in PROJECT_DIR (a copy of the repository, not your working tree: the script
edits content/qa/data-skew.yml and puts it back), waits for the first build, then appends a marker
to the question's title and times until the served page contains it. Prints one line per round.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

QUESTION = "content/qa/data-skew.yml"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", nargs="?", default=".")
    parser.add_argument("--lang", choices=["zh", "en", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    root = Path(args.project).resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KB_LANG", None)
    if args.lang != "both":
        env["KB_LANG"] = args.lang
    edit_lang = "en" if args.lang == "en" else "zh"
    url = f"http://127.0.0.1:{args.port}/qa/data-skew/"
    path = root / QUESTION
    original = path.read_text(encoding="utf-8")
    started = time.monotonic()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{args.port}"],
                              cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        first = wait_for(url, "</html>", 300)
        if first is None:
            print("the first build did not finish within 300 s")
            return 1
        print(f"lang={args.lang}: first build served after {time.monotonic() - started:.1f} s")
        for n in range(1, args.rounds + 1):
            marker = f"EDIT{n}X{int(time.time())}"
            text = re.sub(rf"(?m)(^{edit_lang}:\n(?:  .*\n)*?  title: )", rf"\g<1>{marker} ", original, count=1)
            assert text != original, "could not find the title to edit"
            time.sleep(1.0)
            path.write_text(text, encoding="utf-8")
            took = wait_for(url, marker, 120)
            print(f"lang={args.lang} round {n}: " + (f"{took:.1f} s" if took is not None else "not seen within 120 s"))
    finally:
        path.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
