"""The only module that knows MkDocs: writes generated pages into docs_dir and builds the nav.

Generated pages are real files in git-ignored folders of ``docs/`` (STACK.md: static-i18n then
localises them like hand-written pages). A file is rewritten only when its content changed, so
``mkdocs serve`` does not rebuild in a loop; generated files that no longer correspond to content
are removed.
"""

from __future__ import annotations

from pathlib import Path

from kb.render import GeneratedPage
from kb.site import Site

GENERATED_DIRS = ("qa", "category")
GENERATED_FILES = ("index.md", "index.en.md", "tags.md", "tags.en.md", "glossary.md", "glossary.en.md")


# target -> (mtime_ns, size, text) of files this process wrote or found equal to ``text``: when the
# same page object is written again (the second language of a build, a `mkdocs serve` rebuild) and
# the file is untouched, it is not read again.
_verified: dict[Path, tuple[int, int, str]] = {}


def _unchanged(target: Path, text: str) -> bool:
    try:
        st = target.stat()
    except FileNotFoundError:
        return False
    known = _verified.get(target)
    if known is not None and known[2] is text and known[:2] == (st.st_mtime_ns, st.st_size):
        return True
    if target.read_text(encoding="utf-8") != text:
        return False
    _verified[target] = (st.st_mtime_ns, st.st_size, text)
    return True


def write_pages(pages: tuple[GeneratedPage, ...], docs_dir: Path) -> int:
    """Write pages that changed and delete stale generated pages; return how many files changed."""
    wanted = {p.path: p.markdown for p in pages}
    changed = 0
    for rel, text in wanted.items():
        target = docs_dir / rel
        if _unchanged(target, text):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        st = target.stat()
        _verified[target] = (st.st_mtime_ns, st.st_size, text)
        changed += 1
    for folder in GENERATED_DIRS:
        for path in sorted((docs_dir / folder).glob("*.md")) if (docs_dir / folder).is_dir() else []:
            if path.relative_to(docs_dir).as_posix() not in wanted:
                path.unlink()
                _verified.pop(path, None)
                changed += 1
    return changed


def release(page) -> None:
    """Drop a page's Markdown, HTML and table of contents once MkDocs has rendered it.

    MkDocs keeps every page of a build in memory until the build ends, and static-i18n builds the
    other language while the first one is still referenced: at 3,000 questions that is most of the
    build's memory (scripts/benchmark.py). After ``on_post_page`` nothing reads them again: the
    search plugin indexed the page in ``on_page_context``, and other pages use only titles and URLs.
    """
    page.markdown = None
    page.content = None
    page.toc = []


def nav(site: Site) -> list:
    """Home, the categories, tags, glossary; question pages stay out of the nav (N² cost, STACK.md)."""
    return [
        "index.md",
        *(f"category/{c.slug}.md" for c in site.content.categories),
        "tags.md",
        "glossary.md",
        "contributing.md",
    ]


def edit_url(repo_url: str, edit_uri: str, source: str) -> str:
    """Edit link for a generated page: the YAML file it came from, on the same branch as edit_uri."""
    branch_part = edit_uri.strip("/").rsplit("/", 1)[0] if edit_uri.strip("/").endswith("docs") else edit_uri.strip("/")
    return f"{repo_url.rstrip('/')}/{branch_part}/{source}"
