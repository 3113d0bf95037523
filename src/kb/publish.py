"""After the build: the random-question lists and the search terms of each language, written into the built site.

Works on files in ``site_dir`` only (no MkDocs import), so it is tested on a plain folder.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from kb.content.loader import Content
from kb.content.urls import PRINT
from kb.langs import DEFAULT, LANGS


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


STUDY_FORMAT = 1  # docs/assets/kb-study.js refuses a study.json of another format


def study_data(content: Content) -> dict[str, dict]:
    """Per language, what practice, mock interviews and progress badges need (``<root>/study.json``).

    Every question (id, title, category, difficulty, frequency, the tracks that list it; its page is
    ``question_url`` with the id, relative to the language root), the categories and the tracks with their
    stages, in the language's words. Another language lists only the questions translated into it, unless none
    is (as ``random_lists``). 15.7 kB gzipped for the 307 Chinese questions of December 2026 (a "url" per question
    would add 1.5 kB).
    """
    from kb.render.pages import text_of

    out: dict[str, dict] = {}
    for lang in LANGS:
        shown = [q for q in content.questions if lang == DEFAULT or getattr(q, lang) is not None]
        shown = sorted(shown or content.questions, key=lambda q: q.id)
        ids = {q.id for q in shown}
        in_tracks: dict[str, list[str]] = {}
        for track in content.tracks:
            for stage in track.stages:
                for qid in stage.questions:
                    if track.slug not in in_tracks.setdefault(qid, []):
                        in_tracks[qid].append(track.slug)
        out[lang] = {
            "format": STUDY_FORMAT,
            "question_url": "qa/{id}/",
            "categories": [{"slug": c.slug, "name": getattr(c, lang).name} for c in content.categories],
            "tracks": [{"slug": t.slug, "name": getattr(t, lang).name, "description": getattr(t, lang).description,
                        "stages": [{"name": getattr(s, lang).name, "questions": [i for i in s.questions if i in ids]}
                                   for s in t.stages]}
                       for t in content.tracks],
            "questions": [{"id": q.id, "title": text_of(q, lang).title,
                           "category": q.category, "difficulty": q.difficulty, "frequency": q.frequency,
                           "tracks": in_tracks.get(q.id, [])} for q in shown],
        }
    return out


def write_study_data(data: dict[str, dict], site_dir: Path) -> None:
    for lang, table in data.items():
        _write_json(site_dir / lang_root(lang) / "study.json", table)


# The folders of pages that tell search engines not to index them (overrides/main.html: printable copies).
NOINDEX_FOLDERS = (PRINT,)
_SITEMAP_URL = re.compile(r"\n?[ \t]*<url>.*?</url>", re.S)
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def prune_sitemap(xml: str, site_url: str) -> str:
    """The sitemap without the pages marked noindex: a sitemap that lists them sends crawlers a contradiction."""
    def indexed(match: re.Match) -> str:
        loc = _LOC.search(match.group(0))
        path = loc.group(1)[len(site_url):] if loc and loc.group(1).startswith(site_url) else ""
        path = path[len(root_of(path)):]
        return "" if any(path.startswith(f"{folder}/") for folder in NOINDEX_FOLDERS) else match.group(0)

    return _SITEMAP_URL.sub(indexed, xml)


def write_pruned_sitemap(site_dir: Path, site_url: str) -> None:
    """Rewrite ``sitemap.xml`` and its ``.gz`` copy (with the same gzip time stamp) by ``prune_sitemap``."""
    xml_path, gz_path = site_dir / "sitemap.xml", site_dir / "sitemap.xml.gz"
    if not xml_path.is_file():
        return
    old = xml_path.read_text(encoding="utf-8")
    new = prune_sitemap(old, site_url)
    if new == old:
        return
    xml_path.write_text(new, encoding="utf-8")
    if gz_path.is_file():
        mtime = int.from_bytes(gz_path.read_bytes()[4:8], "little")
        with gz_path.open("wb") as raw, gzip.GzipFile(fileobj=raw, filename=str(gz_path), mode="wb",
                                                      mtime=mtime) as gz:
            gz.write(new.encode("utf-8"))
