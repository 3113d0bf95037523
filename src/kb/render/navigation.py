"""The orders a reader goes through questions in: a category page's, and each study track's. Pure.

``Neighbours`` is computed once per site (kb.site.plan) and handed to every question page, which shows the
previous and next question of its category and of each track it is in (kb.render.pages.question_nav).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.content.loader import Content
from kb.content.schema import Question, Track


def category_order(content: Content, slug: str) -> list[Question]:
    """The questions of a category in the order its page lists them: easiest first, then by id."""
    return sorted((q for q in content.questions if q.category == slug), key=lambda q: (q.difficulty, q.id))


def track_questions(content: Content, track: Track) -> list[Question]:
    """A track's questions in order, across its stages (ids without a question are left out: kb check's error)."""
    by_id = {q.id: q for q in content.questions}
    return [by_id[qid] for stage in track.stages for qid in stage.questions if qid in by_id]


@dataclass(frozen=True)
class Step:
    """Where a question stands in a sequence: 1-based position, the total, and its neighbours."""

    position: int
    total: int
    prev: Question | None
    next: Question | None


def _steps(questions: list[Question]) -> dict[str, Step]:
    n = len(questions)
    return {q.id: Step(i + 1, n, questions[i - 1] if i else None, questions[i + 1] if i + 1 < n else None)
            for i, q in enumerate(questions)}


@dataclass(frozen=True)
class Neighbours:
    category: dict[str, Step] = field(default_factory=dict)  # question id -> its step in its category
    tracks: dict[str, tuple[tuple[Track, Step], ...]] = field(default_factory=dict)  # id -> its tracks, in file order

    @classmethod
    def of(cls, content: Content) -> Neighbours:
        category: dict[str, Step] = {}
        for cat in content.categories:
            category.update(_steps(category_order(content, cat.slug)))
        tracks: dict[str, list[tuple[Track, Step]]] = {}
        for track in content.tracks:
            for qid, step in _steps(track_questions(content, track)).items():
                tracks.setdefault(qid, []).append((track, step))
        return cls(category, {qid: tuple(steps) for qid, steps in tracks.items()})
