"""The link graph between questions: pure, built from every entry at once."""

from __future__ import annotations

from dataclasses import dataclass

from kb.schema import Question, Related


@dataclass(frozen=True)
class LinkGraph:
    by_id: dict[str, Question]
    outgoing: dict[str, tuple[Related, ...]]  # only links whose target exists
    incoming: dict[str, tuple[str, ...]]  # target id -> sorted source ids

    def related(self, qid: str) -> tuple[tuple[Question, Related], ...]:
        return tuple((self.by_id[r.id], r) for r in self.outgoing.get(qid, ()))


@dataclass(frozen=True)
class LinkProblem:
    source: str
    index: int
    target: str
    kind: str  # "dangling" | "self" | "duplicate" | "one-way"


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
    for q in questions:
        reported: set[str] = set()
        for i, link in enumerate(q.related_links()):
            target = by_id.get(link.id)
            if target is None or link.id == q.id or link.id in reported:
                continue
            reported.add(link.id)
            if q.id not in {r.id for r in target.related_links()}:
                problems.append(LinkProblem(q.id, i, link.id, "one-way"))
    graph = LinkGraph(by_id, outgoing, {k: tuple(sorted(v)) for k, v in incoming.items()})
    return graph, problems
