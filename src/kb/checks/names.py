"""Names that must be known (a category, a tag) and 'did you mean' for those that are not. Pure.

Shared by every cross-file check and by ``kb new``, so the two word a wrong name the same way."""

from __future__ import annotations

import difflib


def suggest(unknown: str, known: set[str] | list[str]) -> str:
    """' (did you mean 'x'?)' for the closest known name, or nothing when none is close."""
    names = sorted(known)
    close = difflib.get_close_matches(unknown, names, n=1, cutoff=0.6)
    if not close:  # 'attention-mechanism' for 'attention': one name inside the other
        close = [n for n in names if len(n) >= 3 and (n in unknown or unknown in n)][:1]
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_category(slug: str, known: set[str]) -> str | None:
    """What is wrong with ``slug`` as a question's category, or None if content/categories.yml lists it."""
    if slug in known:
        return None
    return f"unknown category '{slug}'{suggest(slug, known)}; expected one of: {', '.join(sorted(known))}"


def unknown_tag(slug: str, known: set[str]) -> str | None:
    """What is wrong with ``slug`` as a question's tag, or None if content/tags.yml lists it."""
    if slug in known:
        return None
    return f"unknown tag '{slug}'{suggest(slug, known)}; add it to content/tags.yml or use one listed there"
