"""Orchestration: content/ -> validated content -> link graph -> pages for every language."""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from kb.checks.run import check
from kb.checks.editorial import is_draft
from kb.content.errors import ContentError, ContentErrors, only_errors
from kb.langs import LANGS
from kb.checks.links import LinkGraph
from kb.checks.memo import CheckMemo
from kb.content.loader import MAX_BYTES, Content, Parsed, load
from kb.content.readfile import NotRegular, TooLarge, kind, read_regular
from kb.content.urls import (GLOSSARY, HOME, TAGS, category_page, print_category, print_track, question_page,
                             track_page, tracks_index)
from kb.render.navigation import Neighbours
from kb.render.pages import (GeneratedPage, page_path, render_category, render_glossary, render_home,
                             render_question, render_tags, tag_names, terms_for)
from kb.render.printable import render_print_category, render_print_track
from kb.render.study import MOCK_PAGE, PRACTICE_PAGE, render_mock, render_practice
from kb.render.tracks import render_track, render_tracks


@dataclass(frozen=True)
class Site:
    """Validated content and the pages it makes.

    Pages are rendered when their renderer in ``plan`` is called, not when the site is built: a build renders each
    language's pages in the process that builds that language (kb.mkdocs.parallel), and a page that is not
    read costs nothing.
    """

    content: Content
    graph: LinkGraph
    plan: dict[str, Callable[[], GeneratedPage]]  # page path -> its renderer, sorted by path
    warnings: tuple[ContentError, ...]

    @property
    def pages(self) -> tuple[GeneratedPage, ...]:
        """Every page, rendered now (tests, tools; a build asks for pages one by one)."""
        return tuple(render() for render in self.plan.values())


def validate(content_dir: Path, parsed: Parsed | None = None, memo: CheckMemo | None = None
             ) -> tuple[Content, LinkGraph, list[ContentError]]:
    """Load and check everything; return all problems (errors and warnings). ``parsed``, ``memo``: what an
    earlier load and check found, reused for unchanged files (``mkdocs serve``; ``load``, ``kb.checks.memo``)."""
    content, errors = load(content_dir, parsed=parsed)
    graph, more = check(content, memo)
    return content, graph, errors + more


def build(content_dir: Path, drafts: bool = False, parsed: Parsed | None = None, memo: CheckMemo | None = None
          ) -> Site:
    """Everything the site needs, or ``ContentErrors`` listing every error.

    ``drafts``: unfinished work (TODO lines from ``kb new``; see ``kb.checks.editorial.is_draft``) is a warning,
    not an error, so ``mkdocs serve`` previews a question while it is being written. Never for a build that is
    published.
    """
    content, graph, problems = validate(content_dir, parsed, memo)
    if drafts:
        problems = [p.as_warning() if is_draft(p) else p for p in problems]
    errors = only_errors(problems)
    if errors:
        raise ContentErrors(errors)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return Site(content, graph, plan(content, graph), warnings)


def plan(content: Content, graph: LinkGraph) -> dict[str, Callable[[], GeneratedPage]]:
    """Every page's path and how to render it; the paths are those the renderers give their pages."""
    todo: list[tuple[str, Callable[[], GeneratedPage]]] = []
    glossaries = {lang: terms_for(content, lang) for lang in LANGS}  # every question page of a language links them
    neighbours = Neighbours.of(content)  # previous/next in every category and track, for every question page
    for lang in LANGS:
        todo.append((page_path(HOME, lang), functools.partial(render_home, lang, content)))
        todo.append((page_path(TAGS, lang), functools.partial(render_tags, lang, content)))
        todo.append((page_path(GLOSSARY, lang), functools.partial(render_glossary, lang, content)))
        todo.append((page_path(PRACTICE_PAGE, lang), functools.partial(render_practice, lang, content)))
        todo.append((page_path(MOCK_PAGE, lang), functools.partial(render_mock, lang, content)))
        todo += [(page_path(category_page(c.slug), lang), functools.partial(render_category, c, lang, content))
                 for c in content.categories]
        todo += [(page_path(print_category(c.slug), lang), functools.partial(render_print_category, c, lang, content))
                 for c in content.categories]
        if content.tracks:
            todo.append((page_path(tracks_index(), lang), functools.partial(render_tracks, lang, content)))
        for track in content.tracks:
            todo.append((page_path(track_page(track.slug), lang),
                         functools.partial(render_track, track, lang, content)))
            todo.append((page_path(print_track(track.slug), lang),
                         functools.partial(render_print_track, track, lang, content)))
        names = tag_names(content, lang)  # every question page of a language names its tags
        todo += [(page_path(question_page(q.id), lang),
                  functools.partial(render_question, q, lang, content, graph, glossaries, neighbours, names))
                 for q in content.questions]
    return dict(sorted(todo, key=lambda item: item[0]))


def fingerprint(content_dir: Path) -> str:
    """A digest of every name under ``content_dir`` and of what ``load`` can read of it.

    Never follows a link (its target is digested) and opens nothing but regular files, of which no more
    than ``MAX_BYTES + 1`` bytes are read (``kb.content.readfile``): a link to ``/dev/zero``, a named pipe or a
    huge file cannot hang it. A file over the limit counts by its size and modification time (``load``
    refuses it anyway).
    """
    digest = hashlib.blake2b(digest_size=20)

    def add(name: str, data: bytes) -> None:
        encoded = name.encode("utf-8", "surrogateescape")
        digest.update(b"%d:%s%d:" % (len(encoded), encoded, len(data)) + data)

    def visit(path: Path, name: str) -> None:
        try:
            st = path.lstat()
        except OSError as exc:
            return add(name, b"unreadable:%d" % (exc.errno or 0))
        if stat.S_ISLNK(st.st_mode):
            return add(name, b"link:" + os.fsencode(os.readlink(path)))
        if stat.S_ISDIR(st.st_mode):
            add(name, b"folder:")
            try:
                children = sorted(os.listdir(path))
            except OSError as exc:
                return add(name, b"unreadable:%d" % (exc.errno or 0))
            for child in children:
                visit(path / child, f"{name}/{child}" if name else child)
            return None
        if not stat.S_ISREG(st.st_mode):
            return add(name, b"special:" + kind(st.st_mode).encode())
        try:
            add(name, b"file:" + read_regular(path, MAX_BYTES))
        except TooLarge:
            add(name, b"large:%d:%d" % (st.st_size, st.st_mtime_ns))
        except (OSError, NotRegular) as exc:  # replaced since lstat, or unreadable
            add(name, b"unreadable:" + str(exc).encode("utf-8", "replace"))
        return None

    visit(content_dir, "")
    return digest.hexdigest()


class SiteCache:
    """``build``, reusing the last Site while the content folder is byte for byte the same.

    static-i18n runs the whole MkDocs build once per language, and ``mkdocs serve`` rebuilds after a
    change anywhere (docs/, overrides/): the content is loaded, checked and rendered once for all of
    them. Only a successful build is kept; errors are found again on every call. The MkDocs side holds
    one per process (kb.mkdocs.hook.KbHook).
    """

    def __init__(self) -> None:
        self.key: str | None = None
        self.site: Site | None = None
        # Per content folder: files whose text did not change are not parsed again, their questions not checked again.
        self.memos: dict[Path, tuple[Parsed, CheckMemo]] = {}

    def get(self, content_dir: Path, drafts: bool = False) -> Site:
        key = f"{content_dir.resolve()}|{drafts}|{fingerprint(content_dir)}"
        if self.site is None or self.key != key:
            self.forget()
            parsed, memo = self.memos.setdefault(content_dir.resolve(), (Parsed(), CheckMemo()))
            site = build(content_dir, drafts, parsed, memo)
            # The parsed files are kept only for line numbers in error reports: not needed once it built.
            site.content.lines.clear()
            self.key, self.site = key, site
        return self.site

    def forget(self) -> None:
        """Drop the Site kept (memory: a whole build's pages and questions)."""
        self.key = self.site = None

    def release(self) -> None:
        """Drop the Site and the parsed files kept: a build that has read every page needs neither again."""
        self.forget()
        self.memos.clear()
