"""The site's search index: Pagefind, run over the built HTML once every language is written.

Engine-neutral: it needs a folder of built pages and the ``pagefind`` command that ``npm ci`` installs
(package.json pins it). Pagefind writes one index per ``<html lang>`` into ``<site>/pagefind/``, split in
chunks that the browser loads on demand (docs/assets/kb-search.js). What it indexes is marked in the
pages themselves: ``data-pagefind-body`` on question pages (overrides/main.html),
``data-pagefind-ignore`` on what would only add noise (kb.render.pages), ``data-pagefind-meta`` for the
category shown under each result.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

OUTPUT = "pagefind"  # the folder inside the site; kb-search.js loads <site>/pagefind/pagefind.js
TIMEOUT_S = 900


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    languages: int
    seconds: float


def pagefind_command(project_root: Path) -> list[str]:
    """The pinned Pagefind of ``node_modules`` (``npm ci``), or SearchIndexError saying how to install it."""
    wrapper = project_root / "node_modules" / "pagefind" / "lib" / "runner" / "bin.cjs"
    if not wrapper.is_file():
        raise SearchIndexError("Pagefind is not installed: run `npm ci` in the project folder "
                               "(the README's set-up command does), then build again")
    pinned = _pinned_version(project_root)
    installed = json.loads((wrapper.parents[2] / "package.json").read_text(encoding="utf-8")).get("version")
    if pinned and installed != pinned:
        raise SearchIndexError(f"node_modules has Pagefind {installed}, package.json pins {pinned}: run `npm ci`")
    return ["node", str(wrapper)]


def _pinned_version(project_root: Path) -> str | None:
    try:
        data = json.loads((project_root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return (data.get("dependencies") or {}).get("pagefind")


def build_index(site_dir: Path, project_root: Path) -> IndexReport:
    """Index the built site in ``site_dir``; raise SearchIndexError with Pagefind's own words on failure."""
    command = pagefind_command(project_root) + ["--site", str(site_dir), "--output-subdir", OUTPUT]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, cwd=project_root,
                              env={**os.environ, "NO_COLOR": "1"})
    except FileNotFoundError:
        raise SearchIndexError("`node` is not on the PATH: Pagefind's npm package needs Node.js") from None
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"Pagefind did not finish within {TIMEOUT_S} s") from None
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-8:])
        raise SearchIndexError(f"Pagefind failed (exit {done.returncode}):\n{tail}")
    return parse_report(done.stdout)


def parse_report(output: str) -> IndexReport:
    """The counts Pagefind prints at the end of a run."""
    def number(pattern: str) -> float:
        m = re.search(pattern, output)
        return float(m.group(1)) if m else 0.0

    return IndexReport(int(number(r"Indexed (\d+) pages")), int(number(r"Indexed (\d+) languages?")),
                       number(r"Finished in ([\d.]+) seconds"))
