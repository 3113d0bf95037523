"""What the hook needs of MkDocs and Material (with ``kb.mkdocs.parallel``, the only modules that know them).

Generated pages are files of docs_dir to MkDocs and static-i18n, which localises them by their path
like hand-written pages (STACK.md), but they are rendered in memory when MkDocs reads them
(``add_generated_files``, ``install_page_reading``). Only ``--dirty`` builds write them into git-ignored folders
of ``docs/``; a file is rewritten only when its content changed, so ``mkdocs serve`` does not rebuild
in a loop, and generated files that no longer correspond to content are removed. Also here: the nav,
edit links, memory release, the wrapper of MkDocs' page rendering, and when the search index is built.
"""

from __future__ import annotations

import copy
import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable

import jinja2
import jinja2.bccache

from kb.mkdocs.assets import minifiable, minify
from kb.mkdocs.icons import SPRITE, IconLoader, sprite
from kb.render.pages import GeneratedPage
from kb.content.urls import CATEGORIES, GLOSSARY, HOME, PAGE_FOLDERS, QUESTIONS, TAGS, category_page, tracks_index
from kb.langs import DEFAULT, LANGS
from kb.render.study import MOCK_PAGE, PRACTICE_PAGE, STUDY_PAGES
from kb.site import Site

GENERATED_DIRS = (QUESTIONS, CATEGORIES, *PAGE_FOLDERS)
# The generated pages at the top of docs/, in every language's file name (``x.md``, ``x.en.md``).
GENERATED_FILES = tuple(f"{name}{'' if lang == DEFAULT else '.' + lang}.md"
                        for name in (HOME, TAGS, GLOSSARY, *STUDY_PAGES) for lang in LANGS)


def last_language_build(config) -> bool:
    """True in the build of the last language static-i18n builds (or when there is no i18n).

    static-i18n builds the default language first and then the others, in the order of its config,
    from its own ``on_post_build``; it sets ``current_language`` before each. False when unsure.
    """
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return True
    try:
        langs, default = list(i18n.build_languages), i18n.default_language
    except AttributeError:
        return False
    current = i18n.current_language or default
    others = [lang for lang in langs if lang != default]
    return current == (others[-1] if others else default)


def outermost_build(config) -> bool:
    """True in the build that runs last: static-i18n's outer build, after its nested builds of the other
    languages (its ``building`` flag is set only while those run), or a build without static-i18n."""
    return not getattr(config.plugins.get("i18n"), "building", False)


def _unchanged(target: Path, text: str) -> bool:
    try:
        if target.stat().st_size != len(text.encode("utf-8")):
            return False
        return target.read_text(encoding="utf-8") == text
    except FileNotFoundError:
        return False


def write_page(target: Path, text: str) -> bool:
    """Write one generated page unless it already holds ``text``; True if the file changed.

    An unchanged file keeps its modification time: ``mkdocs build --dirty`` rebuilds only pages whose
    source is newer than their HTML, and ``mkdocs serve`` does not see a change."""
    if _unchanged(target, text):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return True


def place_pages(files: dict[str, Callable[[], GeneratedPage]], docs_dir: Path, dirty: bool) -> None:
    """Generated pages are read from memory (``install_page_reading``); only a ``--dirty`` build needs them in
    docs/: it rebuilds the pages whose file is newer than their HTML, so all are written first (those
    that changed). Otherwise files an earlier ``--dirty`` build left are deleted if stale."""
    if dirty:
        write_pages(tuple(GeneratedPage(path, render().markdown) for path, render in files.items()), docs_dir)
    else:
        _delete_stale(set(files), docs_dir)


class GeneratedPages:
    """The generated pages of the build in progress: page path -> renderer, and the docs_dir they belong to.

    The hook's object (kb.mkdocs.hook.KbHook) fills it; MkDocs' page reading (``install_page_reading``, a
    patch of the Page class and so one per process) reads the one given to ``read_pages_from`` last.
    """

    def __init__(self) -> None:
        self.files: dict[str, Callable[[], GeneratedPage]] = {}
        self.docs_dir: Path | None = None

    def provide(self, files: dict[str, Callable[[], GeneratedPage]], docs_dir: Path) -> None:
        """The generated pages MkDocs reads from now on."""
        self.files, self.docs_dir = files, docs_dir

    def paths(self) -> list[str]:
        """The paths (relative to docs_dir) of the pages provided."""
        return list(self.files)

    def page(self, page) -> GeneratedPage | None:
        """A generated page, rendered now; None for a hand-written page."""
        if not self.files or self.docs_dir is None:
            return None
        try:
            rel = Path(page.file.abs_src_path).relative_to(self.docs_dir).as_posix()
        except (TypeError, ValueError):
            return None
        render = self.files.get(rel)
        return render() if render is not None else None


def read_pages_from(pages: GeneratedPages) -> None:
    """MkDocs reads generated pages from ``pages`` (installing ``install_page_reading`` if it is not)."""
    from mkdocs.structure.pages import Page

    if not hasattr(Page.read_source, "kb_original"):  # MkDocs' build() called without on_startup (tests, tools)
        install_page_reading()
    Page.read_source.kb_pages = pages


def install_page_reading(prerender: bool | None = None, memoize: bool = False) -> bool:
    """MkDocs reads generated pages (``read_pages_from``) from memory, not from docs/.

    Their Markdown is parsed as MkDocs parses a file (front matter, then Markdown). A page with a
    ``kb.render.pagebody.Body`` (question pages) skips Python-Markdown and the YAML parser: its HTML, table of
    contents and front matter are set as MkDocs' Markdown would have made them (byte for byte:
    tests/test_prerender.py); with the nav rendered once (``install_templates``) that took the build of 1,000
    questions from 20.8 to 16.5 CPU seconds (scripts/benchmark.py). ``prerender`` False, or
    ``KB_PRERENDER=0`` when not given, converts their Markdown instead. Hand-written pages are read
    and rendered by MkDocs. ``memoize``: `mkdocs serve` reuses the HTML of Markdown that did not
    change (``_memoized_render``). Wraps two methods of the pinned MkDocs (1.6.1); returns False,
    changing nothing, if they are not there.
    """
    import logging

    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc
    from mkdocs.utils import meta as front_matter

    read_original = getattr(Page.read_source, "kb_original", Page.read_source)
    render_original = getattr(Page.render, "kb_original", Page.render)
    if not (callable(read_original) and callable(render_original)):
        return False
    render_markdown = _memoized_render(render_original) if memoize else render_original
    mkdocs_log = logging.getLogger("mkdocs")

    if prerender is None:
        prerender = os.environ.get("KB_PRERENDER", "1") != "0"

    def read_source(self, config) -> None:
        pages = getattr(Page.read_source, "kb_pages", None)
        generated = pages.page(self) if pages is not None else None
        if generated is None:
            return read_original(self, config)
        body = generated.body if prerender else None
        if body is None:
            self.markdown, self.meta = front_matter.get_data(generated.markdown)
            return
        self.markdown, self.meta = "", body.meta  # a new dict for every rendering of the page
        self.kb_body = body

    def render(self, config, files) -> None:
        body = getattr(self, "kb_body", None)
        if body is None:
            self.kb_prerendered = False
            return render_markdown(self, config, files)
        self.content = ""  # the HTML is made when the page is written (fill_prerendered): memory
        self.toc = get_toc(body.toc_tokens())
        self._title_from_render = body.headings[0].name() if body.headings else None
        self.present_anchor_ids = {h.id for h in body.headings}
        if mkdocs_log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = {}
        self.kb_prerendered = True

    read_source.kb_original = read_original  # type: ignore[attr-defined]
    read_source.kb_pages = getattr(Page.read_source, "kb_pages", None)  # type: ignore[attr-defined]
    render.kb_original = render_original  # type: ignore[attr-defined]
    Page.read_source = read_source
    Page.render = render
    return True


def fill_prerendered(page) -> None:
    """Give a page whose HTML kb makes (``install_page_reading``) its HTML, now that it is written.

    MkDocs reads and renders every page before it writes the first: holding the HTML of every question
    page at once took the peak of a 3,000-question build from 368 to 428 MB. Call before anything
    reads ``page.content`` when the page is written (the search plugin's ``on_page_context``, the
    templates).
    """
    body = page.__dict__.pop("kb_body", None)
    if body is not None:
        page.content = body.html()


def prerendered(page) -> bool:
    """True for a page whose HTML kb made itself (``install_page_reading``): escaped values and
    cmark-gfm's output, nothing for the sanitiser to do."""
    return getattr(page, "kb_prerendered", False)


def add_generated_files(files, paths: Iterable[str], config):
    """MkDocs' files with the generated pages that are not files in docs/ added, in get_files' order.

    They are files of docs_dir to MkDocs and static-i18n (which localises them by their path like
    any other page), but nothing is written: the hook renders a page when MkDocs reads it. Only
    ``--dirty`` builds need them on disk (MkDocs compares the source's modification time).
    """
    from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions

    new = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
           for path in paths if files.get_file_from_path(path) is None]
    if not new:
        return files
    set_exclusions(new, config)
    docs = [f for f in files if f.src_dir == config.docs_dir] + new
    return Files(sorted(docs, key=file_sort_key) + [f for f in files if f.src_dir != config.docs_dir])


def minify_own_assets(files, config):
    """The scripts and style sheets of docs/, minified in the built site (kb.mkdocs.assets); docs/ keeps them as
    written.

    Called after static-i18n's on_files (it needs every file of docs/ to have a path on disk): generated
    files with the minified text replace the copies of the originals."""
    from mkdocs.structure.files import File

    for old in [f for f in files if f.src_dir == config.docs_dir and not f.is_documentation_page()
                and minifiable(f.src_uri)]:
        files.remove(old)
        files.append(File.generated(config, old.src_uri, content=minify(old.src_uri, old.content_string)))
    return files


def add_vendor_assets(files, config, assets: dict[str, str]):
    """The browser libraries of ``node_modules`` (``kb.vendor.vendor_assets``: site path -> text) as files of the
    built site, minified like the site's own scripts (comments and white space only; licence banners kept)."""
    from mkdocs.structure.files import File

    for path, text in assets.items():
        old = files.get_file_from_path(path)
        if old is not None:
            files.remove(old)
        files.append(File.generated(config, path, content=minify(path, text) if minifiable(path) else text))
    return files


def _delete_stale(wanted: set[str], docs_dir: Path) -> int:
    changed = 0
    for folder in GENERATED_DIRS:
        for path in sorted((docs_dir / folder).rglob("*.md")) if (docs_dir / folder).is_dir() else []:
            if path.relative_to(docs_dir).as_posix() not in wanted:
                path.unlink()
                changed += 1
    return changed


def write_pages(pages: tuple[GeneratedPage, ...], docs_dir: Path) -> int:
    """Write pages that changed and delete stale generated pages; return how many files changed."""
    changed = sum(write_page(docs_dir / p.path, p.markdown) for p in pages)
    return changed + _delete_stale({p.path for p in pages}, docs_dir)


def watch_hand_written(server, docs_dir: Path) -> None:
    """`mkdocs serve`: watch the hand-written parts of docs/, not the pages written from content/.

    MkDocs watches all of docs/, so the pages this hook rewrites after an edit started a second,
    useless rebuild of the whole site. Watched instead: every folder and file of docs/ that is not
    generated (content/ is watched through mkdocs.yml). A new top-level file in docs/ is noticed
    after restarting serve.
    """
    server.unwatch(str(docs_dir))
    for path in sorted(docs_dir.iterdir()):
        if path.name not in GENERATED_DIRS and path.name not in GENERATED_FILES:
            server.watch(str(path))


def release(page) -> None:
    """Drop a page's Markdown, HTML and table of contents once MkDocs has rendered it.

    MkDocs keeps every page of a build in memory until the build ends, and static-i18n builds the
    other language while the first one is still referenced: at 3,000 questions that is most of the
    build's memory (scripts/benchmark.py). After ``on_post_page`` nothing reads them again: the
    page was written, and other pages use only titles and URLs.
    """
    page.markdown = ""  # not None: Page.title returns None for a page whose markdown is None (nav shows "None")
    page.content = None
    page.toc = []


class Memo:
    """Results of pure functions of one string, kept from one `mkdocs serve` rebuild to the next.

    A rebuild after an edit renders every page again although almost all are unchanged; expensive
    pure steps (HTML sanitising) are looked up instead.
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


def _memoized_render(original: Callable, limit: int = 20_000) -> Callable:
    """``Page.render`` that reuses the HTML of a page whose Markdown did not change (for serve).

    Converting Markdown is half of a rebuild, and after an edit nearly every page is the same. A page
    is looked up by its source, URL and final Markdown, the bytes of mkdocs.yml (extensions and their
    options) and the set of pages (link targets); what ``Page.render`` sets is restored: HTML, table
    of contents, title and the anchors used to check links. A page found again logs no link warnings:
    they were logged when it was first rendered.
    """
    store: dict[tuple, tuple] = {}
    keys: dict[str, tuple] = {}

    def config_key(config) -> str:
        path = Path(config.config_file_path or "mkdocs.yml")
        st = path.stat()
        if keys.get("config", ((),))[0] != (str(path), st.st_mtime_ns, st.st_size):
            keys["config"] = ((str(path), st.st_mtime_ns, st.st_size), hashlib.blake2b(path.read_bytes()).hexdigest())
        return keys["config"][1]

    def files_key(files) -> str:
        if keys.get("files", (None,))[0] is not files:
            uris = "\0".join(sorted(f"{f.src_uri}\1{f.url}" for f in files))
            keys["files"] = (files, hashlib.blake2b(uris.encode()).hexdigest())
        return keys["files"][1]

    def render(self, config, files) -> None:
        key = (self.file.src_uri, self.file.url, self.markdown, config_key(config), files_key(files))
        hit = store.get(key)
        if hit is None:
            original(self, config, files)
            if len(store) >= limit:
                store.clear()
            links = getattr(self, "links_to_anchors", None)
            store[key] = (self.content, copy.deepcopy(self.toc), self._title_from_render,
                          frozenset(self.present_anchor_ids or ()),
                          None if links is None else {f.src_uri: dict(v) for f, v in links.items()})
            return
        content, toc, title, anchors, links = hit
        self.content, self.toc, self._title_from_render = content, copy.deepcopy(toc), title
        self.present_anchor_ids = set(anchors)
        if links is not None:
            found = ((files.get_file_from_path(uri), v) for uri, v in links.items())
            self.links_to_anchors = {f: dict(v) for f, v in found if f is not None}

    return render


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


class Fragments:
    """Template output that is the same on many pages, rendered once per build.

    ``cache_template`` makes a template's output a fragment keyed by its context; ``clear`` forgets
    them all (every build: the nav and the pages change between builds).
    """

    def __init__(self) -> None:
        self.store: dict[tuple, str] = {}

    def clear(self) -> None:
        self.store.clear()

    def cache_template(self, template: jinja2.Template, key: Callable[[dict], tuple | None]) -> None:
        """Render ``template`` once per ``key(context)``; a key of None renders it every time.

        Replaces the render function of this Template object, which the environment keeps for the
        whole build (MkDocs turns off auto-reload) and which every ``{% include %}`` of it renders.
        """
        original = getattr(template.root_render_func, "kb_original", template.root_render_func)
        store = self.store

        def root_render_func(context):
            k = key(context)
            if k is None:
                yield from original(context)
                return
            text = store.get(k)
            if text is None:
                text = store[k] = "".join(original(context))
            yield text

        root_render_func.kb_original = original  # type: ignore[attr-defined]
        template.root_render_func = root_render_func


def nav_key(context) -> tuple | None:
    """The key of the primary navigation a page shows: the same for pages outside the nav in one
    folder (links are relative: they depend on the folder only); None for a page in the nav (its item
    is highlighted and shows the page's table of contents)."""
    nav, page = context.get("nav"), context.get("page")
    if nav is None or page is None or page in nav.pages:
        return None
    return ("nav", id(nav), page.url.rstrip("/").rpartition("/")[0])


def install_templates(env, fragments: Fragments, icons: dict) -> None:
    """Material's primary navigation (``partials/nav.html``) rendered once per build and folder for the
    pages outside the nav (question pages: the same sidebar on thousands of pages); UTF-8 ``tojson``;
    icons drawn from one sprite (``kb.mkdocs.icons``; ``icons`` collects the ones used, for
    ``write_icon_sprite``)."""
    fragments.clear()
    # ``tojson`` (Material's config block) writes UTF-8, not \\u escapes: 0.2 kB less on every Chinese page.
    # Still HTML-safe: Jinja escapes <, >, & and ' in it.
    env.policies["json.dumps_kwargs"] = {**env.policies.get("json.dumps_kwargs", {}), "ensure_ascii": False}
    if not isinstance(env.loader, IconLoader):
        env.loader = IconLoader(env.loader, icons)
    try:
        nav_template = env.get_template("partials/nav.html")
    except jinja2.TemplateNotFound:  # a theme without Material's partials: nothing to cache
        return
    fragments.cache_template(nav_template, nav_key)


def write_icon_sprite(icons: dict, site_dir: Path) -> None:
    """The icons the build's pages show (``kb.mkdocs.icons.sprite``), next to the other assets."""
    if icons:
        target = site_dir / SPRITE
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(sprite(icons), encoding="utf-8")


def nav(site: Site) -> list:
    """Home, the study tracks, the categories, tags, glossary; question pages, each track's page and the printable
    pages stay out of the nav (N² cost, STACK.md)."""
    return [
        f"{HOME}.md",
        *([f"{tracks_index()}.md"] if site.content.tracks else []),
        *(f"{category_page(c.slug)}.md" for c in site.content.categories),
        f"{TAGS}.md",
        f"{GLOSSARY}.md",
        f"{PRACTICE_PAGE}.md",
        f"{MOCK_PAGE}.md",
        "progress.md",
        "contributing.md",
    ]


def edit_url(repo_url: str, edit_uri: str, source: str) -> str:
    """Edit link for a generated page: the YAML file it came from, on the same branch as edit_uri."""
    branch_part = edit_uri.strip("/").rsplit("/", 1)[0] if edit_uri.strip("/").endswith("docs") else edit_uri.strip("/")
    return f"{repo_url.rstrip('/')}/{branch_part}/{source}"
