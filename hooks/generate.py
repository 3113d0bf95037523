"""MkDocs hooks: generate the knowledge-base pages from content/. Logic lives in the kb package."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from kb import parallel
from kb.edit_links import edit_source
from kb.errors import ContentErrors
from kb.htmlblocks import new_nonce, stash, unstash
from kb.langmode import files_for, only_language
from kb.minify import collapse_indentation
from kb.mkdocs_glue import (Fragments, Memo, TemplateCache, add_generated_files, edit_url, fill_prerendered,
                            install_page_reading, install_templates, last_language_build, minify_own_assets, nav,
                            outermost_build, page_reading_installed, place_pages, prerendered, provide_pages,
                            provided_paths, release, watch_hand_written, write_icon_sprite)
from kb.safety import escape_meta, sanitize_html, sanitize_toc
from kb.publish import random_lists, root_of, search_terms, write_random_lists, write_search_terms
from kb.search_index import SearchIndexError, build_index
from kb.seo import page_context
from kb.site import build_cached, forget

log = logging.getLogger("mkdocs.plugins.kb")
_built: dict[str, dict] = {}  # of the Site: the random-question lists
_serving = {"drafts": False}  # `mkdocs serve` previews unfinished questions (TODO lines)
_templates = TemplateCache()  # Material's templates compiled once per process, not once per language
_fragments = Fragments()  # template output shared by many pages of a build
_icons: dict[str, tuple[str, str]] = {}  # the theme icons pages use: written once as assets/kb-icons.svg (kb.icons)
_memo: dict[str, Memo] = {}  # serve: sanitised HTML of unchanged pages
_nonce = new_nonce()  # names the placeholders of pre-rendered HTML blocks (kb.htmlblocks)
_blocks: dict[str, list[str]] = {}  # page -> its HTML blocks, from on_page_markdown to on_page_content


def on_startup(command, dirty):
    _serving["drafts"] = command == "serve"
    _serving["command"], _serving["dirty"] = command, dirty
    # Generated pages are read from memory; question pages skip Python-Markdown (kb.pagebody).
    # `mkdocs serve`: rebuilds after an edit reuse what did not change (kb.mkdocs_glue.Memo).
    install_page_reading(memoize=command == "serve")
    if command == "serve":
        _memo["html"] = Memo()


def on_serve(server, config, builder):
    watch_hand_written(server, Path(config.docs_dir))  # our own writes into docs/ must not rebuild again
    return server


def on_config(config):
    root = Path(config.config_file_path).parent
    try:
        site = build_cached(root / "content", drafts=_serving["drafts"])  # once for both languages
    except ContentErrors as exc:
        raise PluginError(exc.report()) from None
    for warning in site.warnings:
        log.info(warning.format())
    i18n = config.plugins.get("i18n")
    files = files_for(site.plan, only_language(getattr(i18n, "config", None)))  # KB_LANG=zh|en
    place_pages(files, Path(config.docs_dir), dirty=_serving.get("dirty", False))  # on disk for --dirty only
    provide_pages(files, Path(config.docs_dir))  # rendered when MkDocs reads them (kb.mkdocs_glue)
    if not page_reading_installed():  # MkDocs' build() called without on_startup (tests, tools)
        install_page_reading()
    config.nav = nav(site)
    _built["lists"] = random_lists(site.content)
    _built["terms"] = search_terms(site.content)
    return config


def on_files(files, config):
    # The generated pages, as pages of docs/ that are not on disk (kb.mkdocs_glue.add_generated_files).
    return add_generated_files(files, provided_paths(), config)


def on_env(env, config, files):
    # docs/assets/*.js, *.css as readers download them (kb.assets): after static-i18n's on_files, which
    # needs every file of docs/ to have its path on disk.
    minify_own_assets(files, config)
    env.bytecode_cache = _templates
    # The sidebar of question pages is rendered once per build; icons come from one sprite (kb.mkdocs_glue).
    install_templates(env, _fragments, _icons)
    # `mkdocs build`: every page of the last language this process builds is read; free the content.
    if not _serving["drafts"] and (last_language_build(config) or parallel.is_parent()):
        forget()
        provide_pages({}, Path(config.docs_dir))
    return env


def on_nav(nav, config, files):
    # `mkdocs build`: the other languages are built in a second process from here on (kb.parallel).
    if parallel.wanted(_serving.get("command"), _serving.get("dirty", False), config):
        parallel.fork(config)
    return nav


def on_build_error(error):
    parallel.abandon()


def on_page_markdown(markdown, page, config, files):
    # Themes print title, description and tag names without escaping (Jinja autoescape is off).
    page.meta = escape_meta(page.meta)
    # A question page converted from its Markdown (KB_PRERENDER=0, the reference that tests/test_prerender.py
    # compares with): its HTML blocks skip Python-Markdown and the sanitiser (kb.htmlblocks).
    markdown, blocks = stash(markdown, _nonce)
    if blocks:
        _blocks[page.file.src_uri] = blocks
    return markdown


def on_page_content(html, page, config, files):
    sanitize_toc(page.toc)
    if prerendered(page):  # kb's own HTML: escaped values and cmark-gfm's output (kb.pagebody)
        return html
    memo = _memo.get("html")
    html = memo.get(html, sanitize_html) if memo else sanitize_html(html)
    blocks = _blocks.pop(page.file.src_uri, None)
    if blocks:
        try:
            html = unstash(html, _nonce, blocks)
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from None
    return html


@event_priority(10)  # after static-i18n (50: the language links)
def on_page_context(context, page, config, nav):
    fill_prerendered(page)  # question pages get their HTML when they are written (kb.mkdocs_glue)
    source = edit_source(page.meta)
    if source and config.repo_url and config.edit_uri:
        page.edit_url = edit_url(config.repo_url, config.edit_uri, source)
    # static-i18n sets the per-page switcher links as an attribute (config.extra.alternate), not as a key.
    alternate = getattr(config.extra, "alternate", None) or []
    context.update(page_context(page.meta, page.canonical_url, config.site_url, alternate))
    context["kb_lang_root"] = root_of(page.url)  # where kb.js finds this language's files
    return context


@event_priority(-1000)  # last: the page is written; free its Markdown and HTML (memory, kb.mkdocs_glue)
def on_post_page(output, page, config):
    release(page)
    return collapse_indentation(output)  # kb.minify: 12 % of a page was indentation


@event_priority(-200)  # after static-i18n (-100), which builds the other languages
def on_post_build(config):
    site_dir = Path(config.site_dir)
    write_random_lists(_built["lists"], site_dir)
    write_search_terms(_built["terms"], site_dir)
    write_icon_sprite(_icons, site_dir)
    # Once every language is written: the search index (Pagefind). `mkdocs serve` skips it (the search
    # dialog says so): indexing would add seconds to every rebuild; KB_SEARCH_INDEX=0 skips it too
    # (scripts/benchmark.py times the indexer on its own).
    if outermost_build(config) and _serving.get("command") != "serve" and os.environ.get("KB_SEARCH_INDEX") != "0":
        try:
            report = build_index(site_dir, Path(config.config_file_path).parent)
        except SearchIndexError as exc:
            raise PluginError(f"search index: {exc}") from None
        log.info(f"kb: search index of {report.pages} pages in {report.languages} languages")
