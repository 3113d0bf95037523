"""Orchestration: content/ -> validated content -> link graph -> pages for every language."""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from pathlib import Path

from kb.checks import check
from kb.editorial import as_warning, is_draft
from kb.errors import ContentError, ContentErrors, only_errors
from kb.langs import LANGS
from kb.links import LinkGraph
from kb.loader import Content, load
from kb.render import (GeneratedPage, render_category, render_glossary, render_home, render_question,
                       render_tags)


@dataclass(frozen=True)
class Site:
    content: Content
    graph: LinkGraph
    pages: tuple[GeneratedPage, ...]
    warnings: tuple[ContentError, ...]


def validate(content_dir: Path) -> tuple[Content, LinkGraph, list[ContentError]]:
    """Load and check everything; return all problems (errors and warnings)."""
    content, errors = load(content_dir)
    graph, more = check(content)
    return content, graph, errors + more


def build(content_dir: Path, drafts: bool = False) -> Site:
    """Everything the site needs, or ``ContentErrors`` listing every error.

    ``drafts``: unfinished work (TODO lines from ``kb new``, related links not yet made both ways; see
    ``kb.editorial.is_draft``) is a warning, not an error, so ``mkdocs serve`` previews a question while
    it is being written. Never for a build that is published.
    """
    content, graph, problems = validate(content_dir)
    if drafts:
        problems = [as_warning(p) if is_draft(p) else p for p in problems]
    errors = only_errors(problems)
    if errors:
        raise ContentErrors(errors)
    pages: list[GeneratedPage] = []
    for lang in LANGS:
        pages.append(render_home(lang, content))
        pages.append(render_tags(lang))
        pages.append(render_glossary(lang, content))
        pages.extend(render_category(c, lang, content) for c in content.categories)
        pages.extend(render_question(q, lang, content, graph) for q in content.questions)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return Site(content, graph, tuple(sorted(pages, key=lambda p: p.path)), warnings)


_last: dict[str, object] = {}  # the key and Site of the last successful build_cached()


def fingerprint(content_dir: Path) -> str:
    """A digest of every name and byte under ``content_dir`` (what ``load`` can read)."""
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(content_dir.rglob("*")):
        data = str(path.readlink()).encode() if path.is_symlink() else path.read_bytes() if path.is_file() else b""
        name = path.relative_to(content_dir).as_posix().encode()
        digest.update(b"%d:%s%d:" % (len(name), name, len(data)) + data)
    return digest.hexdigest()


def build_cached(content_dir: Path, drafts: bool = False) -> Site:
    """``build``, reusing the last Site while ``content_dir`` is byte for byte the same.

    static-i18n runs the whole MkDocs build once per language, and ``mkdocs serve`` rebuilds after a
    change anywhere (docs/, overrides/): the content is loaded, checked and rendered once for all of
    them. Only a successful build is kept; errors are found again on every call.
    """
    key = f"{content_dir.resolve()}|{drafts}|{fingerprint(content_dir)}"
    if _last.get("key") != key:
        _last.clear()
        site = build(content_dir, drafts)
        # The parsed files are kept only for line numbers in error reports: not needed once it built.
        site = dataclasses.replace(site, content=dataclasses.replace(site.content, lines={}))
        _last.update(key=key, site=site)
    return _last["site"]  # type: ignore[return-value]


def forget() -> None:
    """Drop the Site kept by ``build_cached`` (memory: a whole build's pages and questions)."""
    _last.clear()
