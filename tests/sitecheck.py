"""Helpers to inspect a built site: pages, and internal links that do not resolve."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb.mkdocs.glue import GENERATED_DIRS, GENERATED_FILES


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag in ("a", "link", "area") and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in ("img", "script", "source", "iframe", "audio", "video") and a.get("src"):
            self.links.append(a["src"] or "")


def parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def broken_links(site: Path, base_url: str = "") -> list[str]:
    """Every internal link, #anchor and resource (image, script, stylesheet) in every page that points nowhere.

    Absolute links to ``base_url`` (canonical and hreflang links) and root-relative links under its path
    (the 404 page's) count as internal.
    """
    parsed = {p: parse(p) for p in sorted(site.rglob("*.html"))}
    base_path = urlsplit(base_url).path or "/" if base_url else "/"
    broken: list[str] = []
    for page, info in parsed.items():
        for href in info.links:
            if base_url and href.startswith(base_url):
                href = "/" + href[len(base_url):]
            elif base_path != "/" and href.startswith(base_path):  # root-relative, under a project site's path
                href = "/" + href[len(base_path):]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):
                target = site / unquote(parts.path.lstrip("/"))
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return broken


# What a `--dirty` build leaves in docs/: not hand-written, not copied.
GENERATED = (*GENERATED_DIRS, *GENERATED_FILES)


def copy_project(repo: Path, dest: Path, content: Path | None = None) -> Path:
    """A buildable copy of the project in ``dest``: config, hooks, theme overrides, hand-written docs
    (not the generated pages) and ``content`` (the repository's own by default)."""
    import shutil

    dest.mkdir(parents=True)
    shutil.copy(repo / "mkdocs.yml", dest)
    shutil.copytree(repo / "hooks", dest / "hooks")
    shutil.copytree(repo / "docs", dest / "docs", ignore=shutil.ignore_patterns(*GENERATED))
    if (repo / "overrides").exists():
        shutil.copytree(repo / "overrides", dest / "overrides")
    shutil.copytree(content or repo / "content", dest / "content")
    # The build runs Pagefind from the project's node_modules (kb.search_index): the repository's, linked.
    shutil.copy(repo / "package.json", dest)
    if (repo / "node_modules").is_dir():
        (dest / "node_modules").symlink_to(repo / "node_modules", target_is_directory=True)
    return dest


def build_site(root: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` in ``root``, with a fixed build date and extra environment variables."""
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=full,
                          capture_output=True, text=True, timeout=600)


def shared_builds(specs: dict[str, dict[str, str | None]]) -> dict[str, Path]:
    """Builds of the real project, each made once per test run and shared by every test that names it, in
    whichever pytest-xdist process it runs: name -> extra environment (None removes a variable). The builds a
    call still needs run at the same time. Returns each build's site folder."""
    from filelock import FileLock

    from tests.conftest import REPO, shared_folder

    folder = shared_folder() / "builds"
    folder.mkdir(exist_ok=True)
    with FileLock(str(folder / ".lock")):
        procs = {}
        for name, extra in specs.items():
            if (folder / name / "result").exists():
                continue
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **{k: v for k, v in extra.items() if v is not None}}
            for key in (k for k, v in extra.items() if v is None):
                env.pop(key, None)
            root = copy_project(REPO, folder / name / "project")
            procs[name] = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name, proc in procs.items():
            _, err = proc.communicate(timeout=600)
            ok = proc.returncode == 0 and "Traceback" not in err
            (folder / name / "result").write_text("" if ok else f"the {name} build failed:\n{err}", encoding="utf-8")
    failed = [(folder / name / "result").read_text(encoding="utf-8") for name in specs]
    assert not any(failed), "\n".join(filter(None, failed))
    return {name: folder / name / "project" / "site" for name in specs}


def files(site: Path) -> set[str]:
    """Every file of a built site, relative to it."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def differing_files(one: Path, two: Path) -> list[str]:
    """Files of two built sites (with the same file names) whose bytes differ."""
    return [f for f in sorted(files(one)) if not filecmp.cmp(one / f, two / f, shallow=False)]
