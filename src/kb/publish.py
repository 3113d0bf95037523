"""After the build: the random-question lists and the search terms of each language, written into the built site.

Works on files in ``site_dir`` only (no MkDocs import), so it is tested on a plain folder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kb.langs import DEFAULT, LANGS
from kb.content.loader import Content

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


def random_lists(content: Content) -> dict[str, list[str]]:
    """Question URLs (relative to the language root) that the "random question" button picks from.

    Another language lists only the questions translated into it, unless none is.
    """
    lists: dict[str, list[str]] = {}
    for lang in LANGS:
        ids = [q.id for q in content.questions if lang == DEFAULT or getattr(q, lang) is not None]
        lists[lang] = [f"qa/{qid}/" for qid in sorted(ids or (q.id for q in content.questions))]
    return lists


def term_key(text: str) -> str:
    """A name as search compares it: lower case, letters and digits only ("KV cache" -> "kvcache").

    docs/assets/kb-search.js keys the reader's query the same way (letters and digits of any script).
    """
    return re.sub(r"[\W_]+", "", text.lower())


def search_terms(content: Content) -> dict[str, dict[str, list[str]]]:
    """Per language, the glossary's names of a concept that has a question page of the same id -> that
    page's URL (relative to the language root) and title: a reader who types the name of the concept
    (RAG, 检索增强生成) is shown its question first. A name two concepts share is left out."""
    from kb.render.pages import text_of

    by_id = {q.id: q for q in content.questions}
    out: dict[str, dict[str, list[str]]] = {}
    for lang in LANGS:
        found: dict[str, list[str] | None] = {}
        for term in content.glossary:
            q = by_id.get(term.id)
            if q is None:
                continue
            names = getattr(term, lang)
            for name in (names.term, *names.aliases):
                key = term_key(name)
                if key:
                    entry = [f"qa/{q.id}/", text_of(q, lang).title]
                    found[key] = entry if found.get(key, entry) == entry else None
        out[lang] = {k: v for k, v in sorted(found.items()) if v is not None}
    return out


def write_search_terms(terms: dict[str, dict[str, list[str]]], site_dir: Path) -> None:
    for lang, table in terms.items():
        _write_json(site_dir / lang_root(lang) / "search-terms.json", table)


def write_random_lists(content: Content | dict[str, list[str]], site_dir: Path) -> None:
    """Write the lists; ``content`` may be the lists already made by ``random_lists``."""
    lists = content if isinstance(content, dict) else random_lists(content)
    for lang, urls in lists.items():
        _write_json(site_dir / lang_root(lang) / "qa/index.json", urls)
