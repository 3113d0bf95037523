"""What the checks of one question found, kept for the next check of the same content (``mkdocs serve``).

``kb.content.loader.Parsed`` gives an unchanged file's question back as the same object; the checks that look at
one question (its Markdown, placeholders, punctuation, standards) then give the same errors, as long as what
else they read is the same too (``context``: the question ids its links may name). Holding the question keeps
the identity test sound. The owner (``kb.site.SiteCache``) keeps one memo per content folder.
"""

from __future__ import annotations

from typing import Callable, Hashable, Iterable

from kb.content.errors import ContentError


class CheckMemo:
    def __init__(self) -> None:
        self._last: dict[tuple[str, str], tuple[object, Hashable, tuple[ContentError, ...]]] = {}
        self._now: dict[tuple[str, str], tuple[object, Hashable, tuple[ContentError, ...]]] = {}

    def errors(self, kind: str, question, context: Hashable,
               find: Callable[[], Iterable[ContentError]]) -> tuple[ContentError, ...]:
        """``find()``'s errors for ``question``, or those it gave last time for the same question and context."""
        key = (kind, question.id)
        hit = self._last.get(key)
        found = hit[2] if hit is not None and hit[0] is question and hit[1] == context else tuple(find())
        self._now[key] = (question, context, found)
        return found

    def finish(self) -> None:
        """The check is over: what it looked at is what the next one reuses (nothing of questions now gone)."""
        self._last, self._now = self._now, {}


def found(memo: CheckMemo | None, kind: str, question, context: Hashable,
          find: Callable[[], Iterable[ContentError]]) -> Iterable[ContentError]:
    """``find()``, through ``memo`` when there is one."""
    return find() if memo is None else memo.errors(kind, question, context, find)
