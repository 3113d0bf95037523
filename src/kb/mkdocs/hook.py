"""The MkDocs side of a build, as one object: hooks/generate.py hands every event to a ``KbHook``.

All state of a `mkdocs build` or `mkdocs serve` process lives on this object: whether it serves, the plan of
generated pages, the theme's compiled templates and shared fragments, the icons pages use, the memo of
sanitised HTML, the HTML blocks of the page being converted. The work itself is in the engine-neutral
packages (kb.site, kb.render, kb.publish, kb.search_index) and in kb.mkdocs.glue.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError

from kb.content.errors import ContentErrors
from kb.mkdocs.atomic import AtomicSite
from kb.mkdocs.edit_links import edit_source
from kb.mkdocs.glue import (Fragments, GeneratedPages, Memo, TemplateCache, add_generated_files, add_vendor_assets,
                            edit_url, fill_prerendered, install_page_reading, install_templates, last_language_build,
                            minify_own_assets, nav, outermost_build, place_pages, prerendered, read_pages_from,
                            release, watch_hand_written, write_icon_sprite)
from kb.mkdocs.langmode import build_language, files_for, only_language
from kb.mkdocs.parallel import ParallelBuild
from kb.publish import (random_lists, root_of, search_terms, study_data, write_pruned_sitemap, write_random_lists,
                        write_search_terms, write_study_data)
from kb.render.htmlblocks import new_nonce, stash, unstash
from kb.render.labels import label
from kb.render.minify import collapse_indentation
from kb.render.pagebody import localize_permalinks
from kb.render.safety import escape_meta, sanitize_html, sanitize_toc
from kb.render.seo import page_context
from kb.search_index import SearchIndexError, build_index
from kb.site import SiteCache
from kb.vendor import VendorError, vendor_assets

log = logging.getLogger("mkdocs.plugins.kb")


@dataclass
class KbHook:
    command: str | None = None  # "build", "serve", or None when MkDocs' build() is called directly (tests)
    dirty: bool = False
    lists: dict = field(default_factory=dict)  # the random-question lists of the last site
    terms: dict = field(default_factory=dict)  # the search terms of the last site (kb.publish.search_terms)
    study: dict = field(default_factory=dict)  # practice data per language (kb.publish.study_data)
    vendor: dict = field(default_factory=dict)  # browser libraries from node_modules (kb.vendor), read once
    templates: TemplateCache = field(default_factory=TemplateCache)  # compiled once per process, not per language
    fragments: Fragments = field(default_factory=Fragments)  # template output shared by many pages of a build
    icons: dict[str, tuple[str, str]] = field(default_factory=dict)  # theme icons used: written as one sprite
    memo: Memo | None = None  # serve: sanitised HTML of unchanged pages
    nonce: str = field(default_factory=new_nonce)  # names the placeholders of pre-rendered HTML blocks
    blocks: dict[str, list[str]] = field(default_factory=dict)  # page -> its HTML blocks, markdown to content
    sites: SiteCache = field(default_factory=SiteCache)  # the content's Site, built once for both languages
    pages: GeneratedPages = field(default_factory=GeneratedPages)  # what MkDocs reads instead of docs/ files
    parallel: ParallelBuild = field(default_factory=ParallelBuild)  # `mkdocs build`: the other languages' process
    atomic: AtomicSite = field(default_factory=AtomicSite)  # `mkdocs build`: the new site, until it is complete

    @property
    def serving(self) -> bool:
        """`mkdocs serve` previews unfinished questions (TODO lines) and builds no search index."""
        return self.command == "serve"

    def startup(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        # Generated pages are read from memory; question pages skip Python-Markdown (kb.render.pagebody);
        # `mkdocs serve` rebuilds reuse what did not change.
        install_page_reading(memoize=self.serving)
        self.memo = Memo() if self.serving else None

    def serve(self, server, config):
        watch_hand_written(server, Path(config.docs_dir))  # our own writes into docs/ must not rebuild again
        return server

    def config(self, config):
        root = Path(config.config_file_path).parent
        try:
            site = self.sites.get(root / "content", drafts=self.serving)  # once for both languages
        except ContentErrors as exc:
            raise PluginError(exc.report()) from None
        for warning in site.warnings:
            log.info(warning.format())
        i18n = config.plugins.get("i18n")
        files = files_for(site.plan, only_language(getattr(i18n, "config", None)))  # KB_LANG=zh|en
        place_pages(files, Path(config.docs_dir), dirty=self.dirty)  # on disk for --dirty only
        self.pages.provide(files, Path(config.docs_dir))  # rendered when MkDocs reads them (kb.mkdocs.glue)
        read_pages_from(self.pages)
        config.nav = nav(site)
        self.lists, self.terms = random_lists(site.content), search_terms(site.content)
        # `mkdocs build`: every language and the search index go to a new folder that replaces site_dir when
        # complete (kb.mkdocs.atomic); `--dirty` and `mkdocs serve` write in place.
        if self.command == "build" and not self.dirty and outermost_build(config) and not self.atomic.active:
            try:
                self.atomic.begin(config)
            except OSError as exc:
                raise PluginError(f"kb: cannot make a folder for the new site of {config.site_dir}: "
                                  f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")) from None
        self.study = study_data(site.content)
        if not self.vendor:
            try:
                self.vendor = vendor_assets(root)
            except VendorError as exc:
                raise PluginError(str(exc)) from None
        return config

    def files(self, files, config):
        return add_generated_files(files, self.pages.paths(), config)

    def environment(self, env, config, files):
        # docs/assets/*.js, *.css as readers download them: after static-i18n's on_files, which needs every
        # file of docs/ to have its path on disk.
        minify_own_assets(files, config)
        add_vendor_assets(files, config, self.vendor)  # ts-fsrs for kb-practice.js, from node_modules
        env.bytecode_cache = self.templates
        install_templates(env, self.fragments, self.icons)  # the sidebar once per build; icons from one sprite
        # `mkdocs build`: every page of the last language this process builds is read; free the content.
        if not self.serving and (last_language_build(config) or self.parallel.is_parent()):
            self.sites.release()
            self.pages.provide({}, Path(config.docs_dir))
        return env

    def nav(self, nav, config):
        # `mkdocs build`: the other languages are built in a second process from here on (kb.parallel).
        if self.parallel.wanted(self.command, self.dirty, config):
            self.parallel.fork(config)
        return nav

    def build_error(self, error: Exception) -> None:
        self.parallel.abandon()
        target = self.atomic.target
        if not self.parallel.forked:  # the parallel child never removes the parent's new site
            self.atomic.discard()
        if isinstance(error, OSError):  # a full disk, a read-only folder: one line instead of a traceback
            where = error.filename or f"the new site of {target or 'site_dir'}"
            log.error(f"kb: cannot write {where} ({error.strerror or error}); the previous site is unchanged")
            raise Abort("Aborted with a file system error!") from None

    def shutdown(self) -> None:
        """The end of the `mkdocs` command. A new site still pending here was interrupted (Ctrl-C): an error
        discards it in ``build_error``, a complete build puts it in place in ``post_build``."""
        if self.parallel.forked or not self.atomic.active:
            return
        self.parallel.abandon()
        self.atomic.discard()
        target = self.atomic.target
        log.error(f"kb: build interrupted; {target.name if target else 'the site folder'} is left as it was")
        # One line instead of Click's "Aborted!" after the traceback-free KeyboardInterrupt: the exit status a
        # shell gives Ctrl-C.
        raise SystemExit(130)

    def page_markdown(self, markdown, page):
        page.meta = escape_meta(page.meta)  # themes print titles and tags without escaping
        # A question page converted from its Markdown (KB_PRERENDER=0, the reference of tests/test_prerender.py):
        # its HTML blocks skip Python-Markdown and the sanitiser (kb.render.htmlblocks).
        markdown, blocks = stash(markdown, self.nonce)
        if blocks:
            self.blocks[page.file.src_uri] = blocks
        return markdown

    def page_content(self, html, page):
        sanitize_toc(page.toc)
        if prerendered(page):  # kb's own HTML: escaped values and cmark-gfm's output (kb.render.pagebody)
            return html
        html = self.memo.get(html, sanitize_html) if self.memo else sanitize_html(html)
        blocks = self.blocks.pop(page.file.src_uri, None)
        if blocks:
            try:
                html = unstash(html, self.nonce, blocks)
            except ValueError as exc:
                raise PluginError(f"{page.file.src_uri}: {exc}") from None
        return html

    def page_context(self, context, page, config):
        fill_prerendered(page)  # question pages get their HTML when they are written
        source = edit_source(page.meta)
        if source and config.repo_url and config.edit_uri:
            page.edit_url = edit_url(config.repo_url, config.edit_uri, source)
        alternate = getattr(config.extra, "alternate", None) or []  # static-i18n's switcher links
        context.update(page_context(page.meta, page.canonical_url, config.site_url, alternate))
        context["kb_lang_root"] = root_of(page.url)  # where kb.js finds this language's files
        return context

    def post_page(self, output, page, config):
        release(page)  # the page is written: free its Markdown and HTML
        # The toc extension titles every heading link "Permanent link", whatever the page's language.
        output = localize_permalinks(output, label(build_language(config), "permalink"))
        return collapse_indentation(output)  # 12 % of a page was indentation

    def post_build(self, config):
        site_dir = Path(config.site_dir)
        try:
            write_random_lists(self.lists, site_dir)
            write_search_terms(self.terms, site_dir)
            write_study_data(self.study, site_dir)
            write_icon_sprite(self.icons, site_dir)
            if outermost_build(config):  # the sitemap of every language is written by now
                write_pruned_sitemap(site_dir, config.site_url or "")
        except OSError as exc:
            raise PluginError(f"kb: cannot write {exc.filename or site_dir} ({exc.strerror or exc})") from None
        # Once every language is written: the search index. `mkdocs serve` skips it (the search dialog says
        # so; indexing would add seconds to every rebuild); KB_SEARCH_INDEX=0 too (scripts/benchmark.py).
        if outermost_build(config) and not self.serving and os.environ.get("KB_SEARCH_INDEX") != "0":
            try:
                report = build_index(site_dir, Path(config.config_file_path).parent)
            except SearchIndexError as exc:
                raise PluginError(f"search index: {exc}") from None
            log.info(f"kb: search index of {report.pages} pages in {report.languages} languages")
        if outermost_build(config) and self.atomic.active and not self.parallel.forked:
            try:
                if not self.atomic.finish(config):
                    log.info("kb: warnings in strict mode: the new site is discarded, the previous one kept")
            except OSError as exc:
                self.atomic.discard()
                raise PluginError(f"kb: cannot put the new site in place of {self.atomic.target}: "
                                  f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")) from None
