"""Translation freshness: a short hash of the Chinese text a translation was made from."""

from __future__ import annotations

import hashlib
import unicodedata

from kb.content.schema import Question


def zh_hash(question: Question) -> str:
    zh = question.zh
    parts = [zh.title, zh.question, zh.answer, zh.analysis or ""]
    text = "\x1f".join(unicodedata.normalize("NFC", p).strip() for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def translation_state(question: Question) -> str:
    """'missing', 'unstamped', 'stale' or 'fresh'."""
    if question.en is None:
        return "missing"
    if question.en.translated_from is None:
        return "unstamped"
    return "fresh" if question.en.translated_from == zh_hash(question) else "stale"
