"""The only module that knows MkDocs: writes generated pages into docs_dir and builds the nav.

Generated pages are real files in git-ignored folders of ``docs/`` (STACK.md: static-i18n then
localises them like hand-written pages). A file is rewritten only when its content changed, so
``mkdocs serve`` does not rebuild in a loop; generated files that no longer correspond to content
are removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2
import jinja2.bccache

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
    page.markdown = ""  # not None: Page.title returns None for a page whose markdown is None (nav shows "None")
    page.content = None
    page.toc = []


class Memo:
    """Results of pure functions of one string, kept from one `mkdocs serve` rebuild to the next.

    A rebuild after an edit renders every page again although almost all are unchanged; expensive
    pure steps (Chinese word segmentation for search, HTML sanitising) are looked up instead.
    Bounded: forgets everything once ``limit`` characters of input are stored.
    """

    def __init__(self, limit: int = 50_000_000):
        self.limit, self.size = limit, 0
        self.results: dict[str, str] = {}

    def get(self, text: str, compute: Callable[[str], str]) -> str:
        try:
            return self.results[text]
        except KeyError:
            pass
        if self.size > self.limit:
            self.results.clear()
            self.size = 0
        result = self.results[text] = compute(text)
        self.size += len(text)
        return result


def memoize_search_segmentation(memo: Memo) -> bool:
    """Let Material's search plugin reuse its jieba segmentation of unchanged text (for serve).

    Segmenting the Chinese text of every page is about a third of a rebuild. Wraps a method of the
    pinned Material (9.8.1); returns False, changing nothing, if that method is not there.
    """
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return False
    original = getattr(SearchIndex, "_segment_chinese", None)
    if original is None:
        return False
    original = getattr(original, "kb_original", original)

    def segment(self, data):
        return memo.get(data, lambda text: original(self, text))

    segment.kb_original = original  # type: ignore[attr-defined]
    SearchIndex._segment_chinese = segment
    return True


class TemplateCache(jinja2.BytecodeCache):
    """Compiled Jinja templates shared by every build of the process (both languages, rebuilds).

    MkDocs makes a new Jinja environment for every build, and static-i18n runs one build per
    language, so Material's templates were compiled again each time. Jinja keys a bucket by template
    name and a checksum of its source: an edited template is compiled again.
    """

    def __init__(self) -> None:
        self.buckets: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.buckets.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.buckets[bucket.key] = bucket.bytecode_to_string()


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
