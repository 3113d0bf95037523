"""One-language builds for authors: ``KB_LANG=zh`` or ``KB_LANG=en`` (mkdocs.yml: i18n build_only_locale).

static-i18n then builds a single language as the default one, at the site root. In the suffix layout
the page without a suffix (``qa/x.md``) wins over ``qa/x.en.md`` for the default language, so an
English-only build must find the English text in ``qa/x.md``: the generated pages are renamed here.
Hand-written pages (``docs/contributing.md``) are not renamed and show in Chinese in an English-only build.
"""

from __future__ import annotations

from typing import Mapping, TypeVar

from kb.langs import DEFAULT, LANGS

T = TypeVar("T")


def only_language(plugin_config: object) -> str | None:
    """The single language being built, from static-i18n's config, or None for a full build."""
    lang = getattr(plugin_config, "build_only_locale", None)
    return lang if lang in LANGS else None


def build_language(config: Mapping) -> str:
    """The language of the pages being written: the theme's, which static-i18n sets for each language's build."""
    lang = str((config.get("theme") or {}).get("language") or DEFAULT).split("-")[0]
    return lang if lang in LANGS else DEFAULT


def files_for(plan: Mapping[str, T], lang: str | None) -> dict[str, T]:
    """The generated files of a build of ``lang`` only (all when None): file path -> what ``plan`` has
    for the page written there (a page, or its renderer)."""
    if lang is None:
        return dict(plan)
    if lang == DEFAULT:
        return {path: v for path, v in plan.items() if _lang_of(path) == DEFAULT}
    suffix = f".{lang}.md"
    return {path[: -len(suffix)] + ".md": v for path, v in plan.items() if path.endswith(suffix)}


def _lang_of(path: str) -> str:
    parts = path.rsplit(".", 2)
    return parts[1] if len(parts) == 3 and parts[1] in LANGS else DEFAULT
