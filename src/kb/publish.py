"""After the build: per-language search indexes and random-question lists, written into the built site.

Works on files in ``site_dir`` only (no MkDocs import), so it is tested on a plain folder. static-i18n
merges every language into one ``search/search_index.json`` (upstream issue #271). The search plugin's
entries are written as one index per language instead, each next to its language root (``search/`` and
``en/search/``), with locations relative to that root: ``write_search_indexes`` (called by the wrapper
``kb.mkdocs_glue.install_search_index_writer``), or ``split_search_index`` on the file the plugin wrote
if that wrapper could not be installed. ``overrides/main.html`` points each page's search at its own root.
"""

from __future__ import annotations

import json
from pathlib import Path

from kb.langs import DEFAULT, LANGS
from kb.loader import Content

INDEX = "search/search_index.json"


def lang_root(lang: str) -> str:
    """Folder of a language inside the built site: '' for the default language, 'en/' for English."""
    return "" if lang == DEFAULT else f"{lang}/"


def _lang_of(location: str) -> str:
    return next((lang for lang in LANGS if lang != DEFAULT and location.startswith(lang_root(lang))), DEFAULT)


def root_of(url: str) -> str:
    """The language root a page's URL lies under: 'en/' for 'en/qa/x/', '' for 'qa/x/'.

    Not the page's language: a ``KB_LANG=en`` build puts English pages at the site root.
    """
    return lang_root(_lang_of(url))


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # ensure_ascii=False: a CJK character costs 3 bytes instead of 6 (the search plugin's default).
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_search_indexes(settings: dict, entries: list[dict], site_dir: Path) -> list[str]:
    """Write the search plugin's entries as one index per language root; return the languages written.

    Each index is what the search plugin writes (``{"config": settings, "docs": [...]}``, compact),
    with locations relative to its root and UTF-8 instead of \\u escapes, written entry by entry: the
    whole index is never one string in memory. A language without entries gets no file (a forked
    build of one language must not replace the other's); with no entries at all, the default
    language's root gets an empty index, as the search plugin would write.
    """
    groups = _by_language(entries)
    present = [lang for lang in LANGS if groups[lang]] or [DEFAULT]
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode
    for lang in present:
        path = site_dir / lang_root(lang) / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as out:
            out.write(f'{{"config":{encode(settings)},"docs":[')
            for i, doc in enumerate(groups[lang]):
                out.write(("," if i else "") + encode(doc))
            out.write("]}")
    return present


def _by_language(docs: list[dict]) -> dict[str, list[dict]]:
    """Search entries grouped by the language root their location lies under, locations relative to it."""
    groups: dict[str, list[dict]] = {lang: [] for lang in LANGS}
    for doc in docs:
        lang = _lang_of(doc["location"])
        cut = len(lang_root(lang))
        groups[lang].append({**doc, "location": doc["location"][cut:]} if cut else doc)
    return groups


def split_search_index(site_dir: Path) -> bool:
    """Write one index per language root; False (nothing written) if the root index holds only its own.

    A full build's merged index is split in two. An index that holds one other language only (a
    ``KB_LANG=en`` build, or static-i18n's nested build of that language) is copied to that language's
    root. After a split the root index holds the default language only and is left alone: idempotent.
    """
    text = (site_dir / INDEX).read_text(encoding="utf-8")
    merged = json.loads(text)
    groups = _by_language(merged["docs"])
    present = [lang for lang, docs in groups.items() if docs]
    if present == [DEFAULT] and "\\u" in text:  # the search plugin's own file (ASCII): 3 bytes a CJK character, not 6
        _write_json(site_dir / INDEX, merged)
    if present == [DEFAULT] or not present:
        return False
    for lang in present:
        _write_json(site_dir / lang_root(lang) / INDEX, {"config": merged["config"], "docs": groups[lang]})
    return True


def random_lists(content: Content) -> dict[str, list[str]]:
    """Question URLs (relative to the language root) that the "random question" button picks from.

    Another language lists only the questions translated into it, unless none is.
    """
    lists: dict[str, list[str]] = {}
    for lang in LANGS:
        ids = [q.id for q in content.questions if lang == DEFAULT or getattr(q, lang) is not None]
        lists[lang] = [f"qa/{qid}/" for qid in sorted(ids or (q.id for q in content.questions))]
    return lists


def write_random_lists(content: Content | dict[str, list[str]], site_dir: Path) -> None:
    """Write the lists; ``content`` may be the lists already made by ``random_lists``."""
    lists = content if isinstance(content, dict) else random_lists(content)
    for lang, urls in lists.items():
        _write_json(site_dir / lang_root(lang) / "qa/index.json", urls)
