"""The link graph between questions: pure, built from every entry at once.

A related link is written once, on either page; the other page shows it too (a reverse link), with the
note written on the declaring side.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.content.schema import Question, Related

# A page lists at most this many related questions with their notes: its own links first, then the
# reverse links; further reverse links follow as a line of titles (a hub page gathers many). More own
# links than this is a warning: a reader skims a handful, and past that the list stops saying which
# questions matter most.
MAX_SHOWN = 10


@dataclass(frozen=True)
class LinkGraph:
    by_id: dict[str, Question]
    outgoing: dict[str, tuple[Related, ...]]  # only links whose target exists
    incoming: dict[str, tuple[str, ...]]  # target id -> sorted source ids

    def related(self, qid: str) -> tuple[tuple[Question, Related], ...]:
        """What the page of ``qid`` shows: its own links as written, then the reverse links by id."""
        own = self.outgoing.get(qid, ())
        written = {r.id for r in own}
        shown = [(self.by_id[r.id], r) for r in own]
        for source in self.incoming.get(qid, ()):
            if source not in written:
                link = next(r for r in self.outgoing[source] if r.id == qid)
                shown.append((self.by_id[source], link))
        return tuple(shown)

    def listed(self, qid: str) -> tuple[tuple[tuple[Question, Related], ...], tuple[Question, ...]]:
        """What the page lists with notes (at most MAX_SHOWN, own links first), and the rest by title."""
        shown = self.related(qid)
        keep = max(MAX_SHOWN, len(self.outgoing.get(qid, ())))
        return shown[:keep], tuple(other for other, _ in shown[keep:])


@dataclass(frozen=True)
class LinkProblem:
    source: str
    index: int
    target: str
    kind: str  # "dangling" | "self" | "duplicate"


def build_graph(questions: tuple[Question, ...]) -> tuple[LinkGraph, list[LinkProblem]]:
    by_id = {q.id: q for q in questions}
    problems: list[LinkProblem] = []
    outgoing: dict[str, tuple[Related, ...]] = {}
    incoming: dict[str, list[str]] = {q.id: [] for q in questions}
    for q in questions:
        seen: set[str] = set()
        kept: list[Related] = []
        for i, link in enumerate(q.related_links()):
            if link.id == q.id:
                problems.append(LinkProblem(q.id, i, link.id, "self"))
            elif link.id in seen:
                problems.append(LinkProblem(q.id, i, link.id, "duplicate"))
            elif link.id not in by_id:
                problems.append(LinkProblem(q.id, i, link.id, "dangling"))
            else:
                kept.append(link)
                incoming[link.id].append(q.id)
            seen.add(link.id)
        outgoing[q.id] = tuple(kept)
    graph = LinkGraph(by_id, outgoing, {k: tuple(sorted(v)) for k, v in incoming.items()})
    return graph, problems
